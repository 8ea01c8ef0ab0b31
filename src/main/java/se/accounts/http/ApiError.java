package se.accounts.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer other than success, as a value: status, JSON body and extra headers. Thrown from anywhere below the
 * routes and written by {@link ErrorResponses}, the one place that turns failures into responses.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final transient Object body;
    private final Map<String, String> headers;

    public ApiError(int status, Object body, Map<String, String> headers) {
        super(null, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiError detail(int status, String detail) {
        return new ApiError(status, Map.of("detail", detail), Map.of());
    }

    public static ApiError notFound() {
        return detail(404, "Not found.");
    }

    public static ApiError methodNotAllowed(String method, List<String> allowed) {
        return new ApiError(405, Map.of("detail", "Method \"" + method + "\" not allowed."),
                Map.of("Allow", String.join(", ", allowed)));
    }

    public static ApiError forbidden() {
        return detail(403, "You do not have permission to perform this action.");
    }

    public static ApiError payloadTooLarge(long limit) {
        return new ApiError(413, Map.of("detail", "Request body is larger than the limit of " + limit
                + " bytes."), Map.of("Connection", "close"));
    }

    /** A 400 whose body maps each offending field or parameter to its messages. */
    public static ApiError badRequest(Map<String, List<String>> errors) {
        return new ApiError(400, new LinkedHashMap<>(errors), Map.of());
    }

    public static ApiError badRequest(String field, String message) {
        return badRequest(Map.of(field, List.of(message)));
    }
}
