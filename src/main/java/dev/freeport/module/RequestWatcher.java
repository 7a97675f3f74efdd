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

    /** Several watchers as one (each request gets every watcher's watch but those that watch nothing); NONE for none. */
    static RequestWatcher all(List<RequestWatcher> watchers) {
        List<RequestWatcher> list = watchers.stream().filter(w -> w != null && w != NONE).toList();
        if (list.isEmpty()) {
            return NONE;
        }
        if (list.size() == 1) {
            return list.getFirst();
        }
        RequestWatcher[] all = list.toArray(RequestWatcher[]::new);
        return (endpoint, headers) -> {
            // watches that follow nothing this time (RequestWatch.NONE) are left out: one that remains is returned
            // as it is, with no object made for the request
            RequestWatch first = RequestWatch.NONE;
            RequestWatch[] each = null;
            int n = 0;
            for (RequestWatcher w : all) {
                RequestWatch x = w.start(endpoint, headers);
                if (x == RequestWatch.NONE) {
                    continue;
                }
                if (n == 0) {
                    first = x;
                } else {
                    if (each == null) {
                        each = new RequestWatch[all.length];
                        each[0] = first;
                    }
                    each[n] = x;
                }
                n++;
            }
            return n <= 1 ? first : RequestWatch.all(java.util.Arrays.copyOf(each, n));
        };
    }
}
