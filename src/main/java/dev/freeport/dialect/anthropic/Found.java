package dev.freeport.dialect.anthropic;

import dev.freeport.api.RequestTraits;

import java.util.HashSet;
import java.util.Set;

/**
 * What decoding one Messages request found in one part that another part needs: the deferred tools a tool search
 * has loaded, the effort of the last mid-conversation system message, and the first part only an Anthropic back end
 * can serve. One per request, on the decoding thread only.
 */
final class Found {
    /** Tools named by {@code tool_reference} blocks: deferred tools that are now offered to the model. */
    final Set<String> referencedTools = new HashSet<>();
    /** The per-turn {@code output_config.effort} of the last system message in {@code messages}, or null. */
    String turnEffort;
    private RequestTraits.NativeOnly nativeOnly;

    /** Notes a part only Anthropic's API serves (the first one is kept, to be named in a refusal). */
    void nativeOnly(String path, String what) {
        if (nativeOnly == null) {
            nativeOnly = new RequestTraits.NativeOnly("anthropic", path + ": " + what);
        }
    }

    RequestTraits.NativeOnly nativeOnly() {
        return nativeOnly;
    }
}
