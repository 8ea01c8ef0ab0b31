package se.accounts.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import se.accounts.Config;
import se.accounts.db.Database;
import se.accounts.events.Initiator;
import se.accounts.http.openapi.OpenApiDocument;
import se.accounts.tenancy.Caller;
import se.accounts.tenancy.ClientVerifier;

/**
 * The HTTP server: the checks every request passes in the contract's order (trailing slash, authentication, then
 * routing, permission, object and body inside the routes), error bodies, access log and graceful shutdown; the
 * routes of every module, and the API reference those modules describe.
 */
public final class HttpServer {
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    private static final long STOP_TIMEOUT_MILLIS = 20_000;

    private final Javalin javalin;
    private final Map<String, List<String>> routes;
    private final List<SharedRateLimit> rateLimits;
    private final Duration idleTimeout;

    private HttpServer(Javalin javalin, Map<String, List<String>> routes, List<SharedRateLimit> rateLimits,
                       Duration idleTimeout) {
        this.javalin = javalin;
        this.routes = routes;
        this.rateLimits = rateLimits;
        this.idleTimeout = idleTimeout;
    }

    public static HttpServer create(Config config, Database database, ClientVerifier verifier, ObjectMapper json,
                                    List<RouteModule> modules, Optional<PrometheusMeterRegistry> metrics) {
        SharedRateLimit requests = new SharedRateLimit(database, "activation", config.requestsPerMinute(),
                (limit, retryAfter) -> "Too many requests: this client may make " + limit
                        + " requests a minute; try again in " + retryAfter + " seconds.");
        SharedRateLimit failures = new SharedRateLimit(database, "auth-failure", config.authFailuresPerMinute(),
                (limit, retryAfter) -> "Too many requests with invalid credentials from this address (at most "
                        + limit + " a minute); try again in " + retryAfter + " seconds.");
        Authentication authentication = new Authentication(verifier, requests, failures);
        ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
        Cors cors = new Cors(config.corsOrigins());
        List<RouteModule> all = new ArrayList<>();
        all.add(new HealthRoute(database));
        metrics.ifPresent(registry -> all.add(new MetricsRoute(registry)));
        all.addAll(modules);
        OpenApiDocument document = new OpenApiDocument();
        all.forEach(module -> module.describe(document));
        all.add(new ReferenceRoutes(document, config.explicitPublicUrl()));
        AtomicReference<Routes> registered = new AtomicReference<>();
        Javalin javalin = Javalin.create(server -> {
            server.startup.showJavalinBanner = false;
            server.startup.showOldJavalinVersionWarning = false;
            server.router.ignoreTrailingSlashes = false;
            server.http.maxRequestSize = MAX_BODY_BYTES;
            server.http.defaultContentType = "application/json; charset=utf-8";
            server.jsonMapper(new JavalinJackson(json, false));
            server.jetty.modifyServer(jetty -> {
                // Stop accepting, let in-flight requests finish (up to the timeout), then stop.
                jetty.setHandler(new GracefulHandler());
                jetty.setStopTimeout(STOP_TIMEOUT_MILLIS);
                jetty.setErrorHandler(new JsonErrorHandler());
            });
            server.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(JsonErrorHandler.MAX_HEADER_BYTES);
                http.setSendServerVersion(false);
            });
            Optional<RequestMetrics> requestMetrics = metrics.map(registry -> new RequestMetrics(registry,
                    server.unsafe));
            server.requestLogger.http((ctx, milliseconds) -> {
                requestMetrics.ifPresent(meters -> meters.record(ctx, milliseconds));
                AccessLog.write(ctx, milliseconds);
            });
            ErrorResponses.register(server);
            ReferenceRoutes.addStaticFiles(server);

            server.routes.before(RequestIds::assign);
            server.routes.before(clientAddress::resolve);
            server.routes.before(BodyLimit::refuseDeclaredOversize);
            server.routes.before(cors::handle);
            server.routes.before(TrailingSlashRedirect::handle);
            server.routes.before(authentication::handle);
            server.routes.before(ctx -> Initiator.bind(Authentication.callerIfAny(ctx).map(Caller::activationId)));
            server.routes.after(ctx -> Initiator.clear());

            Routes routes = new Routes(server.routes);
            all.forEach(module -> module.register(routes));
            registered.set(routes);
        });
        return new HttpServer(javalin, registered.get().registered(), List.of(requests, failures),
                config.idleTimeout());
    }

    /**
     * Listens. A connection silent for the idle timeout (a client that stopped sending mid-request, or an idle
     * keep-alive) is closed, so slow clients cannot hold threads and sockets indefinitely.
     */
    public void start(String host, int port) {
        javalin.start(host, port);
        for (Connector connector : javalin.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setIdleTimeout(idleTimeout.toMillis());
            }
        }
    }

    public int port() {
        return javalin.port();
    }

    /** Stops taking requests and finishes those in flight. */
    public void stop() {
        javalin.stop();
        rateLimits.forEach(SharedRateLimit::close);
    }

    /** Every path the server answers with its methods (the API reference documents exactly these). */
    public Map<String, List<String>> routes() {
        return routes;
    }
}
