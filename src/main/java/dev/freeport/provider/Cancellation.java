package dev.freeport.provider;

import java.util.ArrayList;
import java.util.List;

/** Set when the caller goes away; providers register what to abort. Used on one event loop only. */
public final class Cancellation {
    private boolean cancelled;
    private List<Runnable> actions;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} on {@link #cancel()}, or at once if already cancelled. */
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
            return;
        }
        if (actions == null) {
            actions = new ArrayList<>(2);
        }
        actions.add(action);
    }

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (actions != null) {
            for (Runnable a : actions) {
                a.run();
            }
            actions = null;
        }
    }
}
