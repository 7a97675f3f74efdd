package dev.freeport.route;

import dev.freeport.error.GatewayError;

import java.util.List;

/** Every attempt failed (or none could be made). Carries the error for the caller and the attempts made. */
public final class DispatchFailed extends RuntimeException {
    private final GatewayError error;
    private final List<Attempt> attempts;

    public DispatchFailed(GatewayError error, List<Attempt> attempts) {
        super(error.message(), null, false, false);
        this.error = error;
        this.attempts = List.copyOf(attempts);
    }

    public GatewayError error() {
        return error;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** The target of the last attempt, or null. */
    public Target lastTarget() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).target();
    }
}
