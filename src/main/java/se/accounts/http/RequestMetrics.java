package se.accounts.http;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code http_server_requests_seconds} (a histogram) by route template, method and
 * status, and counts rate-limit rejections (429). The route is the template the request matched
 * ({@code /sales/organization/{pk}/}), never the raw path, and {@value #UNMATCHED} for a path no route serves,
 * so neither an id nor a typo ever becomes a label value; methods outside HTTP's usual set are {@value #OTHER}.
 * A request answered before routing (401, 429) counts under the template its path would have matched.
 */
final class RequestMetrics {
    static final String UNMATCHED = "unmatched";
    private static final String OTHER = "other";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    private final JavalinState javalin;
    /** Each (route, method, status) timer, built once: building one costs its histogram's configuration. */
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry, JavalinState javalin) {
        this.registry = registry;
        this.javalin = javalin;
    }

    void record(Context ctx, float milliseconds) {
        String route = route(ctx);
        timers.computeIfAbsent(List.of(route, method(ctx), Integer.toString(ctx.statusCode())), this::timer)
                .record((long) (milliseconds * 1_000_000), TimeUnit.NANOSECONDS);
        if (ctx.statusCode() == 429) {
            rejections.computeIfAbsent(route, this::rejections).increment();
        }
    }

    private Counter rejections(String route) {
        return Counter.builder("accounts.rate.limit.rejections")
                .description("Requests refused with 429 by a rate limit, by route template")
                .tag("route", route)
                .register(registry);
    }

    private Timer timer(List<String> routeMethodStatus) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests by route template, method and status")
                .tags("route", routeMethodStatus.get(0), "method", routeMethodStatus.get(1),
                        "status", routeMethodStatus.get(2))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        // Every registered path answers every method (405 for those it does not offer), so GET finds the template.
        ParsedEndpoint wouldMatch = javalin.internalRouter.findFirstHttpHandlerEntry(HandlerType.GET, ctx.path());
        return wouldMatch == null ? UNMATCHED : wouldMatch.endpoint.path;
    }

    private static String method(Context ctx) {
        String method = ctx.req().getMethod();
        return METHODS.contains(method) ? method : OTHER;
    }
}
