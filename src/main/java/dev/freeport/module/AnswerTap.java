package dev.freeport.module;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.caller.Principal;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.RoutePlanner;
import dev.freeport.route.assembly.GatewayRuntime;

import java.util.function.Supplier;

/**
 * Step "tap" of the request flow: told about every chat request that was answered in full, after the answer's last
 * byte went out (e.g. to send a sample of them to candidate models in the shadow). It runs on the request's event
 * loop and must return at once: no blocking, no waiting; whatever it starts can never delay or fail the answered
 * request, and an exception it throws is logged and ignored.
 */
public interface AnswerTap {

    /**
     * A chat request of {@code alias} was answered in full (ledger status OK) by a gateway running {@code runtime}
     * (its config says what the alias wants tapped). {@code facts} builds what is known about the request; a tap
     * that samples asks for them only for the requests it keeps.
     */
    void answered(GatewayRuntime runtime, String alias, Supplier<Answered> facts);

    /**
     * One answered chat request.
     *
     * @param runtime   the gateway's runtime that served it (routes, planner, dispatcher, config)
     * @param ledger    the gateway's ledger (a tap records its own events there, of its own endpoint kind)
     * @param principal who called
     * @param request   the request as admitted (canonical OpenAI chat)
     * @param routing   the routing inputs the request was planned with: its needs, its data class and the caller's
     *                  vendor rules; anything the tap sends must be planned with the same rules
     * @param event     the request's ledger event (provider, model, usage, cost, latency, TTFT, finish reason)
     * @param result    the answer of a non-streamed request, else null
     * @param streamed  the text a streamed answer delivered, else null
     */
    record Answered(GatewayRuntime runtime, Ledger ledger, Principal principal, ChatRequest request,
                    RoutePlanner.Request routing, UsageEvent event, ChatResult result, String streamed) {
    }
}
