package se.accounts.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real HTTP receiver for webhook deliveries (the JDK's HttpServer on 127.0.0.1): records every request and
 * answers with a configurable status after a configurable delay. It can be stopped and started on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received, with when it arrived and when it was answered (System.nanoTime). */
    public record Delivery(Map<String, String> headers, String body, long arrived, long answered) {
        public JsonNode events() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final List<Delivery> received = new ArrayList<>();
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;
    private volatile String location;
    private volatile Runnable onArrival = () -> { };
    private HttpServer server;
    private int port;

    public WebhookReceiver() {
        start();
    }

    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            long arrived = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            onArrival.run();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (received) {
                received.add(new Delivery(headers, new String(body, StandardCharsets.UTF_8), arrived,
                        System.nanoTime()));
            }
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        port = server.getAddress().getPort();
    }

    public synchronized void stop() {
        server.stop(0);
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    public void answer(int statusCode) {
        this.status = statusCode;
    }

    public void redirectTo(String target) {
        this.location = target;
        this.status = 302;
    }

    /** Runs {@code action} when a request has arrived, before it is answered. */
    public void onArrival(Runnable action) {
        this.onArrival = action;
    }

    public void delay(Duration answerAfter) {
        this.delay = answerAfter;
    }

    public List<Delivery> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until the received requests satisfy {@code condition}; answers them. */
    public List<Delivery> await(Predicate<List<Delivery>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Delivery> now = received();
            if (condition.test(now)) {
                return now;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("The receiver did not get what was expected within " + timeout + "; got "
                + received());
    }

    @Override
    public void close() {
        stop();
    }
}
