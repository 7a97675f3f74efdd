package dev.freeport.module;

import io.vertx.core.Future;

/**
 * A group of browser-facing routes outside the API paths (the web console's pages and assets under {@code /ui}).
 * Unlike {@link AdminRoutes}, the server checks no key first: the group authenticates its own requests (a login
 * form, a session cookie) and may use {@link WebRequest#adminKey()} to check a candidate admin key. Blocking work
 * runs on a worker, never on the event loop.
 */
public interface WebRoutes {

    /** Whether {@code path} (no trailing slash) belongs to this group. */
    boolean serves(String path);

    /** Answers one request; a failed future becomes a 500 without details. */
    Future<WebReply> handle(WebRequest request);
}
