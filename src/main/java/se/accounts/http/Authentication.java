package se.accounts.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.accounts.tenancy.Caller;
import se.accounts.tenancy.ClientCredentials;
import se.accounts.tenancy.ClientVerifier;

/**
 * Requires the seven credential headers on every path except the public ones, counts the request against the
 * client's rate limit, and remembers the caller.
 */
final class Authentication {
    private static final String CALLER_ATTRIBUTE = "accounts.caller";
    private static final Set<String> PUBLIC_PATHS = Set.of("/health/", "/openapi.json",
            "/accounts/users/auth/invite/accept/", MetricsRoute.PATH);
    private static final String PUBLIC_PREFIX = "/docs/";

    private final ClientVerifier verifier;
    private final ActivationRateLimit rateLimit;

    Authentication(ClientVerifier verifier, ActivationRateLimit rateLimit) {
        this.verifier = verifier;
        this.rateLimit = rateLimit;
    }

    void handle(Context ctx) {
        if (isPublic(ctx)) {
            return;
        }
        List<String> values = new ArrayList<>(ClientCredentials.HEADER_NAMES.size());
        List<String> missing = new ArrayList<>();
        for (String name : ClientCredentials.HEADER_NAMES) {
            String value = ctx.header(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
            values.add(value == null ? "" : value.trim());
        }
        if (!missing.isEmpty()) {
            throw ApiError.detail(401, "Missing authentication headers: " + String.join(", ", missing));
        }
        Caller caller = verifier.verify(values)
                .orElseThrow(() -> ApiError.detail(401, "Invalid credentials."));
        rateLimit.admit(caller.activationId());
        ctx.attribute(CALLER_ATTRIBUTE, caller);
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("route " + ctx.path() + " reached without authentication");
        }
        return caller;
    }

    static Optional<Caller> callerIfAny(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER_ATTRIBUTE));
    }

    private static boolean isPublic(Context ctx) {
        return ctx.method() == HandlerType.OPTIONS || PUBLIC_PATHS.contains(ctx.path())
                || ctx.path().startsWith(PUBLIC_PREFIX);
    }
}
