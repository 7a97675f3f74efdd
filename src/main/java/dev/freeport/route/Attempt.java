package dev.freeport.route;

import dev.freeport.provider.UpstreamFailure;

/** One attempt of a request: the target and, if it failed, why. */
public record Attempt(Target target, UpstreamFailure failure, long millis) {

    public String describe() {
        if (failure == null) {
            return target.label() + ": ok";
        }
        String status = failure.status() > 0 ? failure.status() + " " : "";
        return target.label() + ": " + status + failure.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " (" + failure.message() + ")";
    }
}
