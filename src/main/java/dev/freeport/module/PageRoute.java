package dev.freeport.module;

import dev.freeport.config.FreeportConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * A {@code GET} endpoint outside {@code /admin} that a module answers in its own format (e.g. {@code /metrics} in
 * Prometheus text). The server puts it behind the admin key unless {@link #open} says the current config opens it;
 * other methods get 405.
 */
public interface PageRoute {

    /** The exact path, e.g. "/metrics". */
    String path();

    /** Whether the page answers without the admin key under this config. */
    boolean open(FreeportConfig config);

    /** The page's content type, e.g. "text/plain; version=0.0.4; charset=utf-8". */
    String contentType();

    /** The page's body; heavy work runs on a worker, never on the event loop. */
    Future<Buffer> body();
}
