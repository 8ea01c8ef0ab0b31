package se.accounts.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies are limited to {@link HttpServer#MAX_BODY_BYTES}. A declared length over the limit is refused
 * before anything is read; a chunked body is cut off as soon as it crosses the limit.
 */
final class BodyLimit {
    private BodyLimit() {
    }

    static void refuseDeclaredOversize(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > HttpServer.MAX_BODY_BYTES) {
            throw ApiError.payloadTooLarge(HttpServer.MAX_BODY_BYTES);
        }
    }

    static byte[] read(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > HttpServer.MAX_BODY_BYTES) {
                    throw ApiError.payloadTooLarge(HttpServer.MAX_BODY_BYTES);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException clientGoneOrBrokenBody) {
            throw ApiError.detail(400, "The request body could not be read completely.");
        }
    }
}
