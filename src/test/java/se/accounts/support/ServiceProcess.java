package se.accounts.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service (or a command) in a JVM of its own, so a test can kill -9 it, start several at once, or read what it
 * logs. The integration tests ({@code *IT}, run by failsafe after {@code package}) start the packaged jar, as an
 * operator does ({@value #JAR_PROPERTY} names it): they also prove the shaded jar whole (its merged service files,
 * its resources). Other tests start the test class path's se.accounts.Main.
 */
public final class ServiceProcess implements AutoCloseable {
    /** Makes the child use the production logback.xml instead of the tests' logback-test.xml. */
    public static final String PRODUCTION_LOGGING = "-Dlogback.configurationFile=logback.xml";
    /** The system property failsafe sets to the packaged jar's path (pom.xml). */
    public static final String JAR_PROPERTY = "accounts.jar";

    private final Process process;
    private final int port;
    private final Path stdout;
    private final Path stderr;

    private ServiceProcess(Process process, int port, Path stdout, Path stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts the server with {@code environment} and waits until /health/ answers. */
    public static ServiceProcess start(Map<String, String> environment) throws Exception {
        ServiceProcess service = launch(environment, List.of(), List.of());
        service.awaitHealthy();
        return service;
    }

    /**
     * Starts {@code java [jvmOptions] -jar accounts.jar [arguments]} (or {@code se.accounts.Main} of the class path
     * without {@value #JAR_PROPERTY}) without waiting. Unless the environment says otherwise, the server listens on a
     * free port and has no rate limit.
     */
    public static ServiceProcess launch(Map<String, String> environment, List<String> jvmOptions,
                                        List<String> arguments) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("ACCOUNTS_PORT", Integer.toString(port));
        variables.put("ACCOUNTS_RATE_LIMIT_PER_MINUTE", "0");
        variables.putAll(environment);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m"));
        command.addAll(jvmOptions);
        String jar = System.getProperty(JAR_PROPERTY);
        command.addAll(jar != null ? List.of("-jar", jar)
                : List.of("-cp", System.getProperty("java.class.path"), "se.accounts.Main"));
        command.addAll(arguments);
        Path stdout = Files.createTempFile("accounts-child", ".out");
        Path stderr = Files.createTempFile("accounts-child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(variables);
        return new ServiceProcess(builder.start(), Integer.parseInt(variables.get("ACCOUNTS_PORT")), stdout, stderr);
    }

    /**
     * Waits (up to 120 s) until /health/ answers 200: two instances starting together on a loaded 2-core machine
     * took over 60 s once (JIT and class loading of two JVMs beside the test JVM).
     */
    public void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service process died: " + output());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service process did not become healthy: " + output());
    }

    /** Waits (up to 60 s) for the process to end by itself, and answers its exit code. */
    public int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the process did not end: " + output());
        }
        return process.exitValue();
    }

    /** Waits until the process has logged {@code text} (a test hook saying where it stopped, say). */
    public void awaitLogged(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the service never logged \"" + text + "\": " + output());
            }
            Thread.sleep(50);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What it printed on standard output (command results, the first start's demo client). */
    public String console() throws IOException {
        return Files.readString(stdout);
    }

    /** What it logged (standard error). */
    public String log() throws IOException {
        return Files.readString(stderr);
    }

    private String output() throws IOException {
        return console() + log();
    }

    /** SIGTERM: the graceful shutdown an operator's stop gives (it also stops an embedded database it owns). */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** kill -9: no shutdown hooks, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops gracefully, so that an embedded PostgreSQL the child owns is stopped too (kill -9 orphans it). */
    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
