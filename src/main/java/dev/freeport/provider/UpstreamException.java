package dev.freeport.provider;

/** Carries an {@link UpstreamFailure} through futures; no stack trace. */
public final class UpstreamException extends RuntimeException {
    private final UpstreamFailure failure;

    public UpstreamException(UpstreamFailure failure) {
        super(failure.kind() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    public UpstreamFailure failure() {
        return failure;
    }
}
