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
 * client's rate limit, and remembers the caller. Wrong credentials are counted per client address; an address
 * that has used up its failures for the minute is answered 429 from memory, before any database work, so a flood
 * of guesses costs less than the requests of a valid client and cannot slow them. (Requests of one address in
 * flight together are all checked before any is counted, so each may pass one beyond the limit.) A credential
 * header sent twice is refused, naming it: a proxy in front may read the last value where Jetty gives the first,
 * so serving the request would act for a client the proxy did not see.
 */
final class Authentication {
    private static final String CALLER_ATTRIBUTE = "accounts.caller";
    private static final Set<String> PUBLIC_PATHS = Set.of("/health/", "/openapi.json",
            "/accounts/users/auth/invite/accept/", MetricsRoute.PATH);
    private static final String PUBLIC_PREFIX = "/docs/";

    private final ClientVerifier verifier;
    private final SharedRateLimit requests;
    private final SharedRateLimit failures;

    /** {@code requests} per activation, {@code failures} per client address. */
    Authentication(ClientVerifier verifier, SharedRateLimit requests, SharedRateLimit failures) {
        this.verifier = verifier;
        this.requests = requests;
        this.failures = failures;
    }

    void handle(Context ctx) {
        if (isPublic(ctx)) {
            return;
        }
        List<String> values = new ArrayList<>(ClientCredentials.HEADER_NAMES.size());
        List<String> missing = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        for (String name : ClientCredentials.HEADER_NAMES) {
            String value = ctx.header(name);
            if (Headers.repeated(ctx, name)) {
                repeated.add(name);
            } else if (value == null || value.isBlank()) {
                missing.add(name);
            }
            values.add(value == null ? "" : value.trim());
        }
        if (!repeated.isEmpty()) {
            throw ApiError.detail(401, "Authentication headers sent more than once (send each once): "
                    + String.join(", ", repeated));
        }
        if (!missing.isEmpty()) {
            throw ApiError.detail(401, "Missing authentication headers: " + String.join(", ", missing));
        }
        String address = ClientAddress.of(ctx);
        failures.refuseIfReached(address);
        Optional<Caller> caller = verifier.verify(values);
        if (caller.isEmpty()) {
            failures.count(address);
            throw ApiError.detail(401, "Invalid credentials.");
        }
        requests.admit(caller.get().activationId().toString());
        ctx.attribute(CALLER_ATTRIBUTE, caller.get());
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
