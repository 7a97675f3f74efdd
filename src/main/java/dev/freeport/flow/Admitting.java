package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.caller.Principal;
import dev.freeport.policy.Admission;
import dev.freeport.policy.PromptTokens;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.assembly.GatewayRuntime;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.Future;

import java.util.List;

/** The flow's step "admit": a request through the policies before dispatch (budgets, rate limits). */
final class Admitting {
    private Admitting() {
    }

    /**
     * Policies before dispatch (budgets, rate limits): admit, or reject with their error. Completes once {@code
     * ex.admitted} is the request as admitted: one under a hard budget that sets no output cap gets the configured
     * bound as its cap, so the reservation holds (the codecs send it). Set before the policies answer (the request
     * goes no further when they refuse it): an admission that answers at once makes no future and no lambda.
     */
    static Future<Void> chat(PolicyChain policies, GatewayRuntime rt, Exchange ex, AliasRoute route,
                             ChatRequest chat) {
        if (policies.isEmpty() || ex.principal.unlimited()) {
            ex.admitted = chat;
            return Future.succeededFuture();
        }
        int cap = chat.maxOutputTokens() != null ? chat.maxOutputTokens() : rt.config().limits().defaultOutputBound();
        ex.admitted = chat.maxOutputTokens() == null && underHardBudget(ex.principal)
                ? chat.withOutputCap(cap) : chat;
        return admit(policies, rt, ex, route, true, new PromptTokens(TokenCounter.promptUpperBound(chat),
                () -> TokenCounter.countPrompt(chat)), cap);
    }

    /**
     * A cache hit through the policies: it is a request (requests per minute, in parallel: a key over its rate is
     * refused a hit too), but it uses no provider tokens and costs nothing (tokens per minute and budgets pass it).
     */
    static Future<Void> hit(PolicyChain policies, Exchange ex, AliasRoute route) {
        if (policies.isEmpty() || ex.principal.unlimited()) {
            return Future.succeededFuture();
        }
        return policies.admit(new Admission(ex.id, ex.principal, ex.alias, route, List.of(), PromptTokens.exactly(0),
                0, ex.stream, true), ex.tickets);
    }

    private static boolean underHardBudget(Principal p) {
        return p.keyBudget() != null && p.keyBudget().hard() || p.teamBudget() != null && p.teamBudget().hard();
    }

    /**
     * Through the policies (a policy counts the prompt only when its cheap bound does not fit a limit), with every
     * target the request may reach ({@code chat}: a canary may draw it).
     */
    static Future<Void> admit(PolicyChain policies, GatewayRuntime rt, Exchange ex, AliasRoute route, boolean chat,
                              PromptTokens promptTokens, long maxOutputTokens) {
        if (policies.isEmpty() || ex.principal.unlimited()) {
            return Future.succeededFuture();
        }
        return policies.admit(new Admission(ex.id, ex.principal, ex.alias, route,
                rt.planner().reachable(route, rt.routeOf(), chat), promptTokens,
                maxOutputTokens, ex.stream), ex.tickets);
    }
}
