package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.caller.Principal;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.front.ChatSession;
import dev.freeport.front.Endpoint;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.InnerRequests;
import dev.freeport.policy.Outcome;
import dev.freeport.provider.BatchApi;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A batch's contained request handed to a back end's own batch API instead of being sent (docs/BATCH.md): the
 * flow admits and routes it as any request (key, rules, data class, guardrails, budget), and when the target its
 * route chose first has a {@link BatchApi}, hands its body in that dialect to the batch module (step "hand over")
 * instead of dispatching; the budget's reservation is replaced by the request's estimate at the batch price (held
 * as spend until the answer comes: several batches admitted at once cannot together pass a budget; the batch store
 * keeps the hold across a restart) and no ledger event is written yet. When the back end's answer comes back,
 * {@link #settle} reads it, prices it at the catalog's batch rate, records the request's one ledger event under its
 * request id, charges the cost to the key's budgets in place of the estimate, and answers in the front's format;
 * a request that ends without an answer gives its estimate back ({@link #release}).
 */
final class Handover {
    private Handover() {
    }

    /** Whether the request goes to its first target's batch API: an inner request that asked for it, not a stream. */
    static boolean wanted(Caller caller, ChatRequest chat, List<Target> plan) {
        return caller instanceof InnerCaller inner && inner.request.handOver() && !chat.stream() && !plan.isEmpty()
                && plan.getFirst().provider().batchApi() != null;
    }

    /**
     * Hands the request over: the first target's dialect, masked for it; no ledger event; the reservation settled as
     * the estimate held until the answer (prompt + output cap at the target's batch price).
     */
    static Future<Void> hand(GatewayRuntime rt, Caller caller, Exchange ex, ChatRequest chat, List<Target> plan) {
        Target t = plan.getFirst();
        Buffer body;
        try {
            body = t.provider().batchApi().encodeLine(Guarding.request(ex, t, chat), t.upstreamModel());
        } catch (UpstreamException e) {
            return Future.failedFuture(rejected(e.failure()).toException());
        }
        ex.served = t;
        ex.handedOver = true;
        long held = ex.tickets.isEmpty() ? 0 : estimate(rt, t, chat);
        long heldAt = System.currentTimeMillis();
        PolicyChain.settle(ex.tickets, new Outcome(held, 0, 0, false));
        ex.tickets.clear();
        try {
            ex.watch.handedOver(ex.id, ex.principal, ex.front, ex.alias, t); // its trace ends here, as handed over
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(Handover.class.getName()).log(java.util.logging.Level.WARNING,
                    "request " + ex.id + ": a watcher failed", e);
        }
        ((InnerCaller) caller).handedOver(ex.id, new InnerRequests.Handed(t.provider().name(), t.upstreamModel(),
                ex.alias, body, held, heldAt, ex.principal == null ? null : ex.principal.team()));
        return Future.succeededFuture();
    }

    /** The most the request can cost at {@code t}'s batch price: its prompt plus its output cap (or the bound). */
    private static long estimate(GatewayRuntime rt, Target t, ChatRequest chat) {
        long out = chat.maxOutputTokens() != null ? chat.maxOutputTokens() : rt.config().limits().defaultOutputBound();
        Usage bound = Usage.of(dev.freeport.tokens.TokenCounter.countPrompt(chat), out);
        return Costs.answer(t, bound, null, Instant.now(), 0, rt.fx(), true).costNanos();
    }

    /** A handed-over request without an answer (cancelled, expired, never submitted): its estimate given back. */
    static Future<Void> release(GatewayRuntime rt, PolicyChain policies, InnerRequests.Request req,
                                InnerRequests.Handed h) {
        if (h.heldNanos() <= 0) {
            return Future.succeededFuture();
        }
        return principal(rt, req).compose(p -> heldBy(rt, req, h, p).map(held -> {
            charge(policies, p, held, 0, h);
            return null;
        }));
    }

    /**
     * The principal whose budgets hold a handed-over request's estimate: the key as a member of the team it had at
     * the hand-over ({@link InnerRequests.Handed#team()}, also what the batch store's hold row keeps), which may
     * since have changed. A team no longer known: the key alone (no team's counter is touched).
     */
    private static Future<Principal> heldBy(GatewayRuntime rt, InnerRequests.Request req, InnerRequests.Handed h,
                                            Principal now) {
        if (java.util.Objects.equals(h.team(), now.team())) {
            return Future.succeededFuture(now);
        }
        return rt.authenticator().principal(req.keyId(), h.team()).otherwiseEmpty()
                .map(p -> p != null && java.util.Objects.equals(p.team(), h.team()) ? p
                        : new Principal(now.keyId(), now.keyPrefix(), h.team(), now.tags(), now.allowedModels(),
                                now.keyLimits(), now.keyBudget(), null, null));
    }

    /** The key's principal now, and the one whose budgets hold its handed-over request's estimate. */
    private record Holders(Principal now, Principal heldBy) {
    }

    /**
     * The answer's cost in place of the estimate held since the hand-over: one charge when the key is still in the
     * team it had then; else the estimate given back by {@code heldBy} and the cost charged to {@code now}.
     */
    private static void charge(PolicyChain policies, Principal now, Principal heldBy, long costNanos,
                               InnerRequests.Handed h) {
        Instant heldAt = Instant.ofEpochMilli(h.heldAtMs());
        if (heldBy == now) {
            policies.charge(now, costNanos, h.heldNanos(), heldAt);
            return;
        }
        policies.charge(heldBy, 0, h.heldNanos(), heldAt);
        policies.charge(now, costNanos, 0, null);
    }

    /** The key's principal now; a key revoked meanwhile is still the one its batch's requests count against. */
    private static Future<Principal> principal(GatewayRuntime rt, InnerRequests.Request req) {
        return rt.authenticator().principal(req.keyId())
                .recover(e -> Future.succeededFuture(new Principal(req.keyId(), null, null, List.of(),
                        java.util.Set.of(), null, null, null, null)));
    }

    /**
     * A handed-over request's answer: recorded (ledger, budgets) through {@code record} and answered in the front's
     * format. A key revoked meanwhile is still the one the event is recorded for (the back end did the work).
     */
    static Future<InnerRequests.Reply> settle(GatewayRuntime rt, PolicyChain policies, InnerRequests.Result r,
                                              Consumer<Exchange> record) {
        InnerRequests.Request req = r.request();
        if (!(req.endpoint() instanceof Endpoint.Chat endpoint)) {
            return Future.failedFuture("only chat requests are handed over");
        }
        InnerCaller caller = InnerCaller.of(req);
        InnerRequests.Handed handed = r.handed();
        return principal(rt, req).compose(p -> heldBy(rt, req, handed, p).map(held -> new Holders(p, held)))
                .compose(holders -> {
                    Principal principal = holders.now();
                    Principal heldBy = holders.heldBy();
                    Exchange ex = new Exchange(r.requestId(), "chat");
                    ex.principal = principal;
                    ex.tag = req.tag() == null ? InnerRequests.NATIVE_BATCH_TAG
                            : req.tag() + "," + InnerRequests.NATIVE_BATCH_TAG; // billed at the batch price
                    ex.front = endpoint.front().name();
                    ex.alias = r.handed().alias();
                    ChatSession front = endpoint.open();
                    ChatRequest chat = front.decode(req.body(), caller::header);
                    ex.fingerprinted = chat;
                    Target t = target(rt, r.handed());
                    ex.served = t;
                    if (t != null) {
                        t.stats().started(); // balanced by the end the ledger step counts (Attempts.learn)
                    }
                    BatchApi api = t == null ? null : t.provider().batchApi();
                    Instant at = Instant.ofEpochMilli(r.processedAtMs());
                    if (r.status() / 100 == 2 && api != null) {
                        ChatResult result;
                        try {
                            result = api.decodeLine(chat, t.upstreamModel(), r.body());
                        } catch (UpstreamException e) {
                            charge(policies, principal, heldBy, 0, handed);
                            return failed(ex, caller, endpoint, rejected(e.failure()), policies, record);
                        }
                        ex.result = result;
                        Usage usage = Usages.orEstimate(result.usage(), chat, () -> Usages.answerText(result.body()));
                        ex.answered(Costs.answer(t, usage, result.finishReason(), at, 0, rt.fx(), true));
                        record.accept(ex);
                        charge(policies, principal, heldBy, ex.answer().costNanos(), handed);
                        Replies.json(caller, ex, front.encodeBytes(chat, result), true);
                        return caller.reply();
                    }
                    GatewayError error = api == null ? new GatewayError(ErrorKind.UPSTREAM_ERROR, 502, "The provider '"
                            + r.handed().provider() + "' of this batch request is no longer configured with a batch"
                            + " API; its answer could not be read.", null, "provider_gone", null)
                            : rejected(api.mapError(r.status(), r.body()));
                    charge(policies, principal, heldBy, 0, handed);
                    return failed(ex, caller, endpoint, error, policies, record);
                });
    }

    private static Future<InnerRequests.Reply> failed(Exchange ex, InnerCaller caller, Endpoint.Chat endpoint,
                                                      GatewayError error, PolicyChain policies,
                                                      Consumer<Exchange> record) {
        ex.end(Exchange.Ending.failed(UsageEvent.Status.FAILED, error));
        record.accept(ex);
        Replies.error(caller, ex, error, endpoint.front().errors(), java.util.Map.of());
        return caller.reply();
    }

    /** The target a request was handed to, by provider and upstream model in its alias's current route. */
    static Target target(GatewayRuntime rt, InnerRequests.Handed h) {
        GatewayRuntime.Resolved resolved = h.alias() == null ? null : rt.resolve(h.alias());
        AliasRoute route = resolved == null ? null : resolved.route();
        if (route == null) {
            return null;
        }
        for (Target t : route.targets()) {
            if (t.provider().name().equals(h.provider()) && t.upstreamModel().equals(h.upstreamModel())) {
                return t;
            }
        }
        return null;
    }

    /** A back end's answer about the request itself, passed on with its status and message. */
    private static GatewayError rejected(UpstreamFailure f) {
        if (f.kind().retryable() || f.status() >= 500) {
            return new GatewayError(ErrorKind.UPSTREAM_ERROR, f.status() >= 500 ? f.status() : 502, f.message(), null,
                    f.upstreamCode() != null ? f.upstreamCode() : "upstream_error", null);
        }
        int status = f.status() >= 400 && f.status() < 500 ? f.status() : 400;
        return new GatewayError(ErrorKind.INVALID_REQUEST, status, f.message(), null,
                f.upstreamCode() != null ? f.upstreamCode() : "upstream_rejected", null);
    }
}
