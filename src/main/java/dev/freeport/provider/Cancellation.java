package dev.freeport.provider;

import dev.freeport.error.GatewayError;

import java.util.ArrayList;
import java.util.List;

/**
 * Set when the caller goes away, or when the gateway stops before the request finished (then with a reason the
 * caller, still there, is answered with); providers register what to abort. Used on one event loop only.
 */
public final class Cancellation {
    private boolean cancelled;
    private GatewayError reason;
    /** the first two actions in fields (an answer registers one, a stream two: the provider's and the relay's), and
     * any after them in a list */
    private Runnable first;
    private Runnable second;
    private List<Runnable> more;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Why the request was cancelled while its caller is still there (e.g. a shutdown); null if the caller left. */
    public GatewayError reason() {
        return reason;
    }

    /** Runs {@code action} on {@link #cancel()}, or at once if already cancelled. */
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
            return;
        }
        if (first == null) {
            first = action;
            return;
        }
        if (second == null) {
            second = action;
            return;
        }
        if (more == null) {
            more = new ArrayList<>(2);
        }
        more.add(action);
    }

    /** The caller went away. */
    public void cancel() {
        cancel(null);
    }

    /** Cancels with a reason to answer the caller with (null: the caller went away). */
    public void cancel(GatewayError why) {
        if (cancelled) {
            return;
        }
        cancelled = true;
        reason = why;
        Runnable a = first;
        Runnable b = second;
        List<Runnable> rest = more;
        first = null;
        second = null;
        more = null;
        if (a != null) {
            a.run();
        }
        if (b != null) {
            b.run();
        }
        if (rest != null) {
            for (Runnable r : rest) {
                r.run();
            }
        }
    }
}
