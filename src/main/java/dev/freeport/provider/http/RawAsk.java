package dev.freeport.provider.http;

import io.vertx.core.Completable;
import io.vertx.core.internal.ContextInternal;

/**
 * What a request to a {@link RawPool} asked for while it waits for a channel (one being connected, or one in use):
 * its encoded head, its caller's context, its connect timeout, and who hears of its call (once, on the caller's
 * context). Confined to the pool's event loop.
 */
final class RawAsk {
    final byte[] head;
    final ContextInternal context;
    final long connectMillis;
    private final Completable<? super UpstreamCall> done;
    private boolean settled;

    RawAsk(byte[] head, ContextInternal context, long connectMillis, Completable<? super UpstreamCall> done) {
        this.head = head;
        this.context = context;
        this.connectMillis = connectMillis;
        this.done = done;
    }

    /** Whether the call (or a failure) was handed over: a channel made after that serves others. */
    boolean settled() {
        return settled;
    }

    /** Hands the call (or the failure) over unless that was done; false when it had been. */
    boolean settle(UpstreamCall call, Throwable failure) {
        if (settled) {
            return false;
        }
        settled = true;
        ContextInternal prev = context.beginDispatch();
        try {
            done.complete(call, failure);
        } catch (RuntimeException e) { // the listener's own failure: reported, as a promise's listener's is
            context.reportException(e);
        } finally {
            context.endDispatch(prev);
        }
        return true;
    }
}
