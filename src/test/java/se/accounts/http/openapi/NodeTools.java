package se.accounts.http.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine's Node.js and the npm packages the tests run (tsc, Redocly CLI), installed from the npm registry
 * once into {@code target/node-tools} and reused by later runs. Without node or npm the tests fail, saying so.
 */
final class NodeTools {
    private static final Path HOME = Path.of("target", "node-tools").toAbsolutePath();
    private static final List<String> PACKAGES = List.of("typescript@5.9.3", "@redocly/cli@2.77.0");
    private static final long TIMEOUT_MINUTES = 5;

    /** What a finished command returned and printed (stdout and stderr together). */
    record Result(int exitCode, String output) {
    }

    private NodeTools() {
    }

    /** The executable of an installed package, e.g. {@code tsc}, installing the packages first if needed. */
    static synchronized String bin(String tool) {
        Path marker = HOME.resolve("installed.txt");
        String wanted = String.join(" ", PACKAGES);
        try {
            if (!Files.exists(marker) || !Files.readString(marker).equals(wanted)) {
                Files.createDirectories(HOME);
                Result install = run(HOME, Map.of(), concat(List.of("npm", "install", "--prefix", HOME.toString(),
                        "--no-audit", "--no-fund", "--no-save"), PACKAGES));
                if (install.exitCode() != 0) {
                    throw new IllegalStateException("npm install failed:\n" + install.output());
                }
                Files.writeString(marker, wanted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HOME.resolve("node_modules").resolve(".bin").resolve(tool).toString();
    }

    /** Runs {@code command} in {@code directory} with {@code environment} added, waiting up to 5 minutes. */
    static Result run(Path directory, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0) + ": these tests need Node.js (20 or"
                    + " later) and npm on the PATH, e.g. apt-get install nodejs npm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
