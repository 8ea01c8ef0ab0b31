package se.accounts.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The page the invitation link opens: a small form that posts username and password, with the token from the
 * link, to the accept endpoint and shows the outcome. Showing it changes nothing, so mail scanners that follow
 * links cannot use up an invitation. The token stays out of the HTML (the script reads it from the address) and
 * out of Referer headers; the script runs under a per-response nonce and nothing else may.
 */
final class AcceptPage {
    private static final String TEMPLATE = load();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AcceptPage() {
    }

    static void show(Context ctx) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "';"
                + " style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; base-uri 'none';"
                + " frame-ancestors 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(TEMPLATE.replace("{{nonce}}", nonce));
    }

    private static String load() {
        try (InputStream in = AcceptPage.class.getResourceAsStream("/invite/accept.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
