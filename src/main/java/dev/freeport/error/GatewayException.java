package dev.freeport.error;

/** Carries a {@link GatewayError} through futures. No stack trace: it is a control-flow value, not a bug. */
public final class GatewayException extends RuntimeException {
    private final GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
