package dev.freeport.policy;

import dev.freeport.caller.Principal;
import dev.freeport.route.AliasRoute;

/**
 * What a policy sees before dispatch: who calls, which alias and its targets (with their prices), and the
 * request's token bounds: its prompt tokens (a cheap bound, and the count on demand, see {@link PromptTokens}) and
 * the output cap (the request's, or a default when it sets none), from which a policy can bound the request's cost.
 */
public record Admission(String requestId, Principal principal, String alias, AliasRoute route,
                        PromptTokens prompt, long maxOutputTokens, boolean stream) {
}
