package se.accounts.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import se.accounts.json.Json;
import se.accounts.tenancy.ClientCredentials;

/** Calls the service over real HTTP with a client's seven headers. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;
    private final Map<String, String> headers;
    private final ClientCredentials credentials;

    ApiClient(String baseUrl, Map<String, String> headers, ClientCredentials credentials) {
        this.baseUrl = baseUrl;
        this.headers = headers;
        this.credentials = credentials;
    }

    /** A client with {@code credentials} of the server at {@code baseUrl} (one started as a process, say). */
    public static ApiClient of(String baseUrl, ClientCredentials credentials) {
        return new ApiClient(baseUrl, credentials.headers(), credentials);
    }

    /** A client without headers of the server at {@code baseUrl}. */
    public static ApiClient anonymous(String baseUrl) {
        return new ApiClient(baseUrl, Map.of(), null);
    }

    public ClientCredentials credentials() {
        return credentials;
    }

    public UUID customerId() {
        return credentials.customerId();
    }

    /** A client of another server with these credentials. */
    ApiClient withCredentials(ClientCredentials newCredentials) {
        return new ApiClient(baseUrl, newCredentials.headers(), newCredentials);
    }

    /** The same client against another server. */
    public ApiClient rebased(String otherBaseUrl) {
        return new ApiClient(otherBaseUrl, headers, credentials);
    }

    /** The same client with one header replaced (null removes it). */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new ApiClient(baseUrl, changed, credentials);
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** {@code body} is sent as is when it is a String, else as its JSON. */
    public Response send(String method, String path, Object body, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        extraHeaders.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            String text = body instanceof String s ? s : Json.write(body);
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            return new Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code requestLine} exactly as written (what Java's HttpClient would refuse or encode: TRACE, a raw
     * {@code >}, broken escapes, no version), with this client's headers and {@code Connection: close}, and returns
     * the whole response as text.
     */
    public String sendRaw(String requestLine) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: x\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A response with its body parsed on demand. */
    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return Json.parse(raw.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status() + " " + body();
        }
    }
}
