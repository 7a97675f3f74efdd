package dev.freeport.module;

import java.util.List;
import java.util.function.Function;

/**
 * Watches requests go through the flow, for metrics and traces: the flow tells it when a chat or embeddings request
 * arrives and gets back a {@link RequestWatch} that follows that one request (its attempts, its end). A module's
 * ({@link Module#watcher()}). Called on the request's event loop: nothing here may block, and a watcher that keeps
 * no per-request state returns the same watch every time (no allocation per request).
 */
@FunctionalInterface
public interface RequestWatcher {

    /** Watches nothing. */
    RequestWatcher NONE = (endpoint, headers) -> RequestWatch.NONE;

    /**
     * A request arrived.
     *
     * @param endpoint "chat" or "embeddings"
     * @param headers  reads the caller's request headers (e.g. its W3C {@code traceparent}); null when absent
     */
    RequestWatch start(String endpoint, Function<String, String> headers);

    /** Several watchers as one (each request gets every watcher's watch); NONE for none. */
    static RequestWatcher all(List<RequestWatcher> watchers) {
        List<RequestWatcher> list = watchers.stream().filter(w -> w != null && w != NONE).toList();
        if (list.isEmpty()) {
            return NONE;
        }
        if (list.size() == 1) {
            return list.getFirst();
        }
        return (endpoint, headers) -> {
            RequestWatch[] each = new RequestWatch[list.size()];
            for (int i = 0; i < each.length; i++) {
                each[i] = list.get(i).start(endpoint, headers);
            }
            return RequestWatch.all(each);
        };
    }
}
