package dev.freeport.server;

import io.vertx.core.http.HttpServerRequest;

/**
 * A group of admin endpoints served by a module outside the gateway core (e.g. the vendor kill switch). HttpFront
 * checks the admin key first, then hands over requests whose path this group {@link #serves}.
 */
public interface AdminRoutes {

    /** Whether {@code path} (no trailing slash) belongs to this group. */
    boolean serves(String path);

    /** Answers one admin request, already authorised; {@code path} has no trailing slash. */
    void handle(HttpServerRequest req, String path);

    /** Both groups: {@code first} where it serves the path, else {@code second}; either may be null. */
    static AdminRoutes both(AdminRoutes first, AdminRoutes second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return new AdminRoutes() {
            @Override
            public boolean serves(String path) {
                return first.serves(path) || second.serves(path);
            }

            @Override
            public void handle(HttpServerRequest req, String path) {
                (first.serves(path) ? first : second).handle(req, path);
            }
        };
    }
}
