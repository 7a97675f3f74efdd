package dev.freeport.route;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns the attempts of a failed dispatch into the one error the caller sees. */
final class FailoverErrors {
    private FailoverErrors() {
    }

    /** The caller went away, or the gateway cancelled the request for a reason the caller is answered with. */
    static GatewayError cancelled(Cancellation cancellation) {
        GatewayError reason = cancellation.reason();
        return reason != null ? reason : GatewayError.of(ErrorKind.CANCELLED, "the caller went away");
    }

    /** A 4xx the upstream gave about the request itself: passed on with the upstream's status and message. */
    static GatewayError notRetryable(UpstreamFailure f, Target target) {
        int status = f.status() >= 400 && f.status() < 500 ? f.status() : 400;
        ErrorKind kind = status == 413 ? ErrorKind.PAYLOAD_TOO_LARGE : ErrorKind.INVALID_REQUEST;
        String code = f.upstreamCode() != null ? f.upstreamCode() : "upstream_rejected";
        return new GatewayError(kind, status, f.message(), null, code, null);
    }

    /** The request's deadline passed: 504 naming it (and where it came from) and what was tried. */
    static GatewayError deadline(Deadline deadline, List<Attempt> attempts) {
        String tried = attempts.isEmpty() ? "no attempt could be made"
                : attempts.size() + (attempts.size() == 1 ? " attempt: " : " attempts: ")
                + attempts.stream().map(Attempt::describe).collect(Collectors.joining("; "));
        return new GatewayError(ErrorKind.UPSTREAM_TIMEOUT, 504, "the request's deadline of "
                + dev.freeport.config.ConfigUnits.formatDuration(deadline.limit()) + " (" + deadline.source()
                + ") passed; " + tried, null, "request_timeout", null);
    }

    static GatewayError exhausted(List<Attempt> attempts, List<Target> plan, Set<Target> dropped) {
        if (attempts.isEmpty()) {
            String targets = plan.stream().map(Target::label).collect(Collectors.joining(", "));
            return new GatewayError(ErrorKind.UNAVAILABLE, 503, "no target is available: every circuit is open ("
                    + targets + "); try again shortly", null, "all_targets_unavailable", 5L);
        }
        String tried = attempts.stream().map(Attempt::describe).collect(Collectors.joining("; "));
        String message = attempts.size() == 1 ? "the upstream failed: " + tried
                : "all " + attempts.size() + " attempts failed: " + tried;
        boolean allRateLimited = attempts.stream().allMatch(a -> a.failure().kind() == FailureKind.RATE_LIMITED);
        UpstreamFailure last = attempts.get(attempts.size() - 1).failure();
        if (allRateLimited) {
            Long retryAfter = attempts.stream().map(a -> a.failure().retryAfter()).filter(d -> d != null)
                    .min(Duration::compareTo).map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(1L);
            return new GatewayError(ErrorKind.RATE_LIMITED, 429, message, null, "upstream_rate_limited", retryAfter);
        }
        if (last.kind() == FailureKind.LOCAL) {
            return new GatewayError(ErrorKind.UNAVAILABLE, 503, message, null, "gateway_out_of_resources", 1L);
        }
        if (last.kind() == FailureKind.TIMEOUT) {
            return new GatewayError(ErrorKind.UPSTREAM_TIMEOUT, 504, message, null, "upstream_timeout", null);
        }
        if (last.status() == 503 || last.status() == 529) {
            return new GatewayError(ErrorKind.UNAVAILABLE, 503, message, null, "upstream_unavailable", null);
        }
        return new GatewayError(ErrorKind.UPSTREAM_ERROR, 502, message, null, "upstream_error", null);
    }
}
