package dev.freeport.policy;

import dev.freeport.caller.Principal;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.Target;

import java.util.List;

/**
 * What a policy sees before dispatch: who calls, which alias, every target the request may end on ({@code
 * reachable}, with their prices: the alias's own, its fallback aliases', its canary candidate's), and the
 * request's token bounds: its prompt tokens (a cheap bound, and the count on demand, see {@link PromptTokens}) and
 * the output cap (the request's, or a default when it sets none), from which a policy can bound the request's cost.
 * {@code cacheHit}: the request is answered from the response cache (no provider, no tokens, no cost): it counts as
 * a request (requests per minute, in parallel) and nothing else.
 */
public record Admission(String requestId, Principal principal, String alias, AliasRoute route,
                        List<Target> reachable, PromptTokens prompt, long maxOutputTokens, boolean stream,
                        boolean cacheHit) {
    public Admission {
        reachable = reachable == null ? route.targets() : List.copyOf(reachable);
    }

    public Admission(String requestId, Principal principal, String alias, AliasRoute route, List<Target> reachable,
                     PromptTokens prompt, long maxOutputTokens, boolean stream) {
        this(requestId, principal, alias, route, reachable, prompt, maxOutputTokens, stream, false);
    }
}
