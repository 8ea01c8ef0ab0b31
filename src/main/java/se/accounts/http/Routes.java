package se.accounts.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers paths with the methods they offer. Every other method of a registered path is answered 405 with an
 * {@code Allow} header, so PUT gets the contract's body instead of a 404.
 */
public final class Routes {
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.TRACE);

    private final RoutesConfig routes;
    private final Map<String, List<String>> methodsByPath = new LinkedHashMap<>();

    Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    /** Starts the method table of one path. */
    public PathRoutes path(String path) {
        return new PathRoutes(path);
    }

    /** Every path registered so far with the methods it answers, in registration order (for the API reference
     * and the test that holds the two together). */
    public Map<String, List<String>> registered() {
        return Collections.unmodifiableMap(methodsByPath);
    }

    private static Handler notAllowed(HandlerType method, List<String> allowed) {
        return ctx -> {
            throw ApiError.methodNotAllowed(method.toString(), allowed);
        };
    }

    public final class PathRoutes {
        private final String path;
        private final Map<HandlerType, Handler> handlers = new LinkedHashMap<>();

        private PathRoutes(String path) {
            this.path = path;
        }

        /** The handler of {@code method} ("get", "post", ...; any case). */
        public PathRoutes on(String method, Handler handler) {
            handlers.put(METHODS.stream().filter(known -> known.name().equalsIgnoreCase(method)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown method " + method)), handler);
            return this;
        }

        public PathRoutes get(Handler handler) {
            handlers.put(HandlerType.GET, handler);
            return this;
        }

        public PathRoutes post(Handler handler) {
            handlers.put(HandlerType.POST, handler);
            return this;
        }

        /** Registers the handlers and a 405 for every other method. */
        public void register() {
            List<String> allowed = handlers.keySet().stream().map(HandlerType::toString).toList();
            for (HandlerType method : METHODS) {
                routes.addHttpHandler(method, path, handlers.getOrDefault(method, notAllowed(method, allowed)));
            }
            // HEAD answers what GET would, without the body (Jetty drops it). Left to Javalin, a HEAD matching a
            // GET route's pattern was 200 without running it: for a missing object, a bad filter, a database down.
            routes.addHttpHandler(HandlerType.HEAD, path,
                    handlers.getOrDefault(HandlerType.GET, notAllowed(HandlerType.HEAD, allowed)));
            methodsByPath.put(path, allowed);
        }
    }
}
