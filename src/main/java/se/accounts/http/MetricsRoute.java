package se.accounts.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import se.accounts.http.openapi.OpenApiDocument;

/**
 * {@code GET /metrics}: the operator's Prometheus scrape, in the Prometheus text format. It needs none of the
 * seven headers, like {@code /health/}: it is for the operator's monitoring, and holds counts and timings by
 * route template, never customer ids or personal data (the README says how to keep it off the public network).
 * Absent (404) with {@code ACCOUNTS_METRICS=false}.
 */
final class MetricsRoute implements RouteModule {
    static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsRoute(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(Routes routes) {
        routes.path(PATH).get(this::handle).register();
    }

    @Override
    public void describe(OpenApiDocument document) {
        ObjectNode operation = document.publicOperation(PATH, "get", "Service", "metrics",
                "Metrics for the operator's Prometheus");
        operation.put("description", "Requests by route template, method and status with a latency histogram,"
                + " database pool use and waits, credential cache hits and misses, rate-limit rejections, mail"
                + " outbox depth and delivery outcomes, JVM memory, GC and threads. No customer ids or personal"
                + " data. Absent (404) when the operator sets ACCOUNTS_METRICS=false.");
        OpenApiDocument.okContent(operation, "The metrics in the Prometheus text format.", "text/plain")
                .putObject("schema").put("type", "string");
    }

    private void handle(Context ctx) {
        ctx.contentType(CONTENT_TYPE);
        ctx.result(registry.scrape());
    }
}
