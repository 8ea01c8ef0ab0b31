package se.accounts.http;

/** A group of routes the server serves (one per resource kind); each registers itself on the {@link Routes}. */
@FunctionalInterface
public interface RouteModule {
    void register(Routes routes);
}
