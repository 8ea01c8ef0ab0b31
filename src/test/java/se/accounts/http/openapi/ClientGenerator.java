package se.accounts.http.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import se.accounts.support.TestService;

/**
 * Clients generated as an integrator would: openapi-generator with default options (plus
 * useSingleRequestParameter, for readable calls) from the /openapi.json the test service serves, under
 * {@code target/generated-clients/}, out of git.
 */
final class ClientGenerator {
    static final Path ROOT = Path.of("target", "generated-clients").toAbsolutePath();

    private ClientGenerator() {
    }

    /** The served document, saved to a file. */
    static Path document() {
        Path file = ROOT.resolve("openapi.json");
        try {
            Files.createDirectories(ROOT);
            Files.writeString(file, TestService.get().anonymous().get("/openapi.json").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A fresh client of {@code generator} (and {@code library}, or null for the default) in {@code directory}. */
    static Path generate(String generator, String library, Path directory) {
        delete(directory);
        CodegenConfigurator configurator = new CodegenConfigurator().setInputSpec(document().toString())
                .setGeneratorName(generator).setOutputDir(directory.toString())
                .addAdditionalProperty("useSingleRequestParameter", true);
        // Only the client itself: the generator's test stubs and Markdown docs take time and are never compiled.
        for (String extra : new String[] {"apiTests", "modelTests", "apiDocs", "modelDocs"}) {
            configurator.addGlobalProperty(extra, "false");
        }
        if (library != null) {
            configurator.setLibrary(library);
        }
        new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
        return directory;
    }

    /** Copies the test resource {@code generated-clients/<name>} to {@code target}. */
    static void copyResource(String name, Path target) {
        try (InputStream in = ClientGenerator.class.getClassLoader().getResourceAsStream("generated-clients/" + name)) {
            Files.createDirectories(target.getParent());
            Files.writeString(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
