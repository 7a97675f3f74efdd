package dev.freeport.module;

import io.vertx.core.Future;

/**
 * A group of admin endpoints. The server has checked the admin key and read the (small) body before it hands a
 * request over; the group answers with a reply or fails the future with a
 * {@link dev.freeport.error.GatewayException}, which the server renders in the OpenAI error shape. Blocking work
 * (a database) runs on a worker (see {@link AdminCalls#blocking}), never on the event loop.
 */
public interface AdminRoutes {

    /** Whether {@code path} (no trailing slash) belongs to this group. */
    boolean serves(String path);

    /** Answers one authorised admin request. */
    Future<AdminReply> handle(AdminRequest request);
}
