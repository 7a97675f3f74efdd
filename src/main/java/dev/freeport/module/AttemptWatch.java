package dev.freeport.module;

import java.util.Map;

/** Follows one upstream attempt (see {@link RequestWatch#attempt}); no-op defaults, never blocks. */
public interface AttemptWatch {

    /** Follows nothing and adds no header. */
    AttemptWatch NONE = new AttemptWatch() {
    };

    /** Headers to send upstream with this attempt (e.g. {@code traceparent}); lower-case names. */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** The attempt failed before an answer started (an UpstreamException, or what the transport threw). */
    default void failed(Throwable cause) {
    }
}
