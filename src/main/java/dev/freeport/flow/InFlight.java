package dev.freeport.flow;

import dev.freeport.error.GatewayError;
import dev.freeport.provider.Cancellation;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The chat and embeddings requests in flight, so a stopping gateway can cancel those its grace period outlasts. */
final class InFlight {
    /** One request: its cancellation and the event loop it lives on (a cancellation is used on that loop only). */
    static final class Entry {
        private final Context context;
        private final Cancellation cancellation;

        private Entry(Context context, Cancellation cancellation) {
            this.context = context;
            this.cancellation = cancellation;
        }
    }

    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();

    Entry add(Cancellation cancellation) {
        Entry e = new Entry(Vertx.currentContext(), cancellation);
        entries.add(e);
        return e;
    }

    void remove(Entry e) {
        entries.remove(e);
    }

    int size() {
        return entries.size();
    }

    /** Cancels every request still in flight, each on its own event loop, with {@code reason} for its caller. */
    void cancelAll(GatewayError reason) {
        for (Entry e : entries) {
            if (e.context == null) {
                e.cancellation.cancel(reason);
            } else {
                e.context.runOnContext(v -> e.cancellation.cancel(reason));
            }
        }
    }
}
