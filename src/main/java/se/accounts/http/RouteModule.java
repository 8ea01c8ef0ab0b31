package se.accounts.http;

import se.accounts.http.openapi.OpenApiDocument;

/**
 * A group of routes the server serves (one per resource kind): it registers itself on the {@link Routes} and
 * describes the same routes in the API reference; a test holds the two together.
 */
public interface RouteModule {
    void register(Routes routes);

    void describe(OpenApiDocument document);
}
