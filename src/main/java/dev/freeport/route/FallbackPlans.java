package dev.freeport.route;

import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;

import java.util.List;
import java.util.Locale;

/**
 * The targets a dispatch switches to when an upstream refuses a request for a reason other targets of the same
 * alias share: the request is too long for the model (context window), or it was refused under the upstream's
 * content policy. Each list is used at most once per request.
 */
public record FallbackPlans(List<Target> onContextWindow, List<Target> onContentPolicy) {
    public static final FallbackPlans NONE = new FallbackPlans(List.of(), List.of());

    public FallbackPlans {
        onContextWindow = List.copyOf(onContextWindow);
        onContentPolicy = List.copyOf(onContentPolicy);
    }

    /** Whether an upstream's refusal says the request does not fit the model's context window. */
    static boolean contextWindow(UpstreamFailure f) {
        if (f.kind() != FailureKind.CLIENT_ERROR) {
            return false;
        }
        String code = lower(f.upstreamCode());
        String m = lower(f.message());
        return code.contains("context_length") || m.contains("context length") || m.contains("context window")
                || m.contains("maximum context") || m.contains("prompt is too long") || m.contains("too many tokens");
    }

    /** Whether an upstream refused the request under its content policy. */
    static boolean contentPolicy(UpstreamFailure f) {
        if (f.kind() != FailureKind.CLIENT_ERROR) {
            return false;
        }
        String code = lower(f.upstreamCode());
        String m = lower(f.message());
        return code.contains("content_policy") || code.contains("content_filter") || m.contains("content policy")
                || m.contains("content management policy") || m.contains("content_filter");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
