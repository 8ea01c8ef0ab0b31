package se.accounts.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import se.accounts.json.Json;

/**
 * Errors Jetty answers itself, before a request reaches the routes (a request line or headers over the limit, an
 * unparsable request, a path with a literal backslash), in the contract's JSON shape instead of Jetty's HTML page,
 * with an X-Request-Id like every other answer (a new one where the headers could not be read). Jetty writes its
 * error page only for GET, POST and HEAD by default; the contract's body (and the backslash's 404) holds for every
 * method, so a DELETE or PATCH that Jetty refuses gets them too.
 */
final class JsonErrorHandler extends ErrorHandler {
    static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final String JSON = "application/json; charset=utf-8";

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        fields.put(RequestIds.HEADER, RequestIds.generated());
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String path = request.getHttpURI().getPath();
        if (code == 400 && (TrailingSlashRedirect.couldNameAnotherHost(path) || !decodesToUtf8(path))) {
            // Jetty refuses a literal backslash in the path as an illegal character before any route; the contract
            // answers every path a browser could read as another host 404, like the routes do for %5C and //.
            // A path whose escapes are no UTF-8 (%FF) names no resource either: 404, as a {pk} that is no UUID. (A
            // %00 never gets here: Jetty's parser refuses it before a request exists, a 400 from badMessageError.)
            code = 404;
            message = null;
            response.setStatus(code);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(RequestIds.HEADER, RequestIds.accepted(request.getHeaders().get(RequestIds.HEADER)));
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private static boolean decodesToUtf8(String rawPath) {
        try {
            PercentDecoding.decode(rawPath, false);
            return true;
        } catch (PercentDecoding.MalformedException e) {
            return false;
        }
    }

    private static byte[] body(int status, String reason) {
        String detail = switch (status) {
            case 404 -> "Not found.";
            case 414 -> "The request line is too long: path and query string may be at most "
                    + MAX_HEADER_BYTES / 1024 + " KiB.";
            case 431 -> "The request headers are too large: at most " + MAX_HEADER_BYTES / 1024 + " KiB in all.";
            case 413 -> "Request body is larger than the limit of " + HttpServer.MAX_BODY_BYTES + " bytes.";
            case 408 -> "The request was not sent in time.";
            case 505 -> "HTTP version not supported: send HTTP/1.1 (or HTTP/1.0) requests, with the version at the"
                    + " end of the request line.";
            default -> status >= 500 ? "A server error occurred."
                    : "Bad request" + (reason == null || reason.isBlank() ? "." : ": " + reason + ".");
        };
        return Json.write(Map.of("detail", detail)).getBytes(StandardCharsets.UTF_8);
    }
}
