package se.accounts.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.accounts.support.TestService;

/**
 * The Java client generated from /openapi.json (generator java, library native) compiles and works: each test
 * runs one step of src/test/resources/generated-clients/JavaScenario.java, which uses generated code only, as a
 * new customer, against the live test service.
 */
class GeneratedJavaClientTest {
    private static final Path DIRECTORY = ClientGenerator.ROOT.resolve("java");
    private static Class<?> scenario;

    @BeforeAll
    static void generateAndCompile() throws IOException, ClassNotFoundException {
        Path sources = ClientGenerator.generate("java", "native", DIRECTORY).resolve("src/main/java");
        ClientGenerator.copyResource("JavaScenario.java", sources.resolve("scenario/JavaScenario.java"));
        Path classes = Files.createDirectories(DIRECTORY.resolve("classes"));
        compile(sources, classes);
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                GeneratedJavaClientTest.class.getClassLoader());
        scenario = loader.loadClass("scenario.JavaScenario");
    }

    /** javac over the generated sources and the scenario, against the test class path (Jackson and friends). */
    private static void compile(Path sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null, null)) {
            boolean compiled = compiler.getTask(null, fileManager, diagnostics, List.of("-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"), "-encoding", "UTF-8", "-proc:none",
                    "-nowarn"), null, fileManager.getJavaFileObjectsFromPaths(files)).call();

            assertThat(compiled).as(() -> diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).limit(20)
                    .map(Object::toString).toList().toString()).isTrue();
        }
    }

    /** Runs one step of the scenario as a new customer whose client may do everything. */
    private static void run(String step) throws Throwable {
        Map<String, String> headers = TestService.get().newCredentials().headers();
        try {
            Object instance = scenario.getConstructor(Map.class).newInstance(headers);
            scenario.getMethod(step).invoke(instance);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void listsWithFiltersANegatedFilterOrderPagingAndTheTotalCount() throws Throwable {
        run("listsWithFiltersOrderPagingAndTotalCount");
    }

    @Test
    void readsASlimList() throws Throwable {
        run("readsASlimList");
    }

    @Test
    void createsAndGetsAUser() throws Throwable {
        run("createsAndGets");
    }

    @Test
    void patchingOneFieldThroughTheUpdateModelLeavesExternalClientsAndTheOtherFieldsAlone() throws Throwable {
        run("patchingOneFieldLeavesTheOthersAlone");
    }

    @Test
    void invitesOneUserAndSeveral() throws Throwable {
        run("invitesOneUserAndSeveral");
    }

    @Test
    void readsAValidationErrorAsFieldErrors() throws Throwable {
        run("aValidationErrorNamesTheField");
    }

    @Test
    void deletesAUser() throws Throwable {
        run("deletes");
    }
}
