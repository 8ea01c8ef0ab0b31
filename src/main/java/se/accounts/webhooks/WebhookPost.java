package se.accounts.webhooks;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.accounts.entities.rules.RefusedAddressException;
import se.accounts.entities.rules.WebhookAddress;

/**
 * The HTTP POST of a delivery. Jetty's HttpClient rather than the JDK's, because it lets us resolve host names
 * ourselves ({@code setSocketAddressResolver}): every connection goes to addresses that {@link WebhookAddress}
 * resolved and checked in that same step, while TLS still verifies the certificate against the name (SNI and
 * endpoint identification use the URL's host). The JDK's client on Java 17 resolves names itself, after any check
 * of ours, with no hook to change that. Redirects are never followed; the response body is never read.
 */
final class WebhookPost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookPost.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DESTINATION_IDLE = Duration.ofMinutes(5);
    /**
     * The most of a receiver's response headers that is read. Jetty's client has no bound by default (-1) and
     * keeps every header line until the timeout: a receiver answering with an endless header section had 64 MiB
     * read into memory within one delivery (WebhookPostTest), and eight senders at once could exhaust the heap.
     */
    private static final int MAX_RESPONSE_HEADERS_BYTES = 16 * 1024;
    /** The failures that mean no connection was made. */
    private static final Set<Class<?>> NOT_CONNECTED = Set.of(ConnectException.class, NoRouteToHostException.class,
            SocketTimeoutException.class);

    /** A 2xx {@code status}, another status, or no answer ({@code status} null) with the reason. */
    record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient http = new HttpClient();

    WebhookPost(WebhookAddress address) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("webhook-http");
        threads.setDaemon(true);
        http.setExecutor(threads);
        http.setFollowRedirects(false);
        http.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        http.setMaxResponseHeadersSize(MAX_RESPONSE_HEADERS_BYTES);
        // One destination per receiver origin; dropped when unused, or they would pile up over the years.
        http.setDestinationIdleTimeout(DESTINATION_IDLE.toMillis());
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "accounts-webhooks"));
        http.setSocketAddressResolver((host, port, context, promise) -> {
            try {
                promise.succeeded(address.addressesOf(host).stream()
                        .map(checked -> new InetSocketAddress(checked, port)).toList());
            } catch (RefusedAddressException refused) {
                promise.failed(refused);
            }
        });
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("The webhook HTTP client did not start", e);
        }
    }

    /** POSTs {@code body} as JSON with {@code headers}; no answer within {@code timeout} is a failure. */
    Outcome send(String url, Map<String, String> headers, byte[] body, Duration timeout) throws InterruptedException {
        CompletableFuture<Result> done = new CompletableFuture<>();
        try {
            http.newRequest(URI.create(url)).method(HttpMethod.POST)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(fields -> headers.forEach(fields::put))
                    .body(new BytesRequestContent("application/json", body))
                    .send(done::complete);
        } catch (IllegalArgumentException unusable) {
            return new Outcome(null, "not sent: the URL is not one an HTTP client can use");
        }
        Result result;
        try {
            result = done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A completion listener's future completes normally", e);
        }
        if (result.isSucceeded()) {
            return new Outcome(result.getResponse().getStatus(), null);
        }
        return new Outcome(null, reason(result, timeout));
    }

    private static String reason(Result result, Duration timeout) {
        // Asked of the connection, not read from the exception: when a receiver answers the TLS greeting with plain
        // HTTP or resets the connection, Jetty reports an SSLHandshakeException, a bare SSLException, only the
        // closed channel (one in ten of 300 tries; three in ten after a reset), or, about once in 500, nothing
        // until the request's timeout, depending on which of its threads saw the end first. First, so that a
        // handshake that never finished is said as such whichever of these came (a receiver that never answers the
        // greeting too: its handshake did not finish either).
        if (handshakeUnfinished(result.getRequest())) {
            return "TLS handshake failed";
        }
        Throwable failure = result.getFailure();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedAddressException) {
                return "not sent: " + cause.getMessage();
            }
            if (cause instanceof TimeoutException) {
                return "no answer within " + timeout.toSeconds() + " s";
            }
            if (NOT_CONNECTED.contains(cause.getClass())) {
                return "could not connect";
            }
            // A handshake that failed before Jetty gave the request its connection: no session to ask.
            if (cause instanceof SSLHandshakeException) {
                return "TLS handshake failed";
            }
            if (cause instanceof SSLException) {
                return "TLS connection failed";
            }
        }
        // last_error is shown through the API: words, never a Java class; the log names the exception, in one line
        // (a failing receiver is tried again and again, and each attempt would log a stack trace).
        log.warn("Webhook request failed: {}", failure.toString());
        return "request failed (the connection broke off or the answer was not HTTP)";
    }

    /** A TLS connection whose session never got a protocol: the handshake did not finish. */
    private static boolean handshakeUnfinished(Request request) {
        Connection connection = request.getConnection();
        EndPoint.SslSessionData tls = connection == null ? null : connection.getSslSessionData();
        return tls != null && "NONE".equals(tls.sslSession().getProtocol());
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The webhook HTTP client did not stop", e);
        }
    }
}
