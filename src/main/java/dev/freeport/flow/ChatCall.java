package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.front.ChatSession;
import dev.freeport.front.Endpoint;
import dev.freeport.provider.Cancellation;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.function.Function;

/**
 * What the steps of one chat request share: the runtime it started under, the caller, its state, the endpoint's
 * session, the request's cancellation, and its route once that step ran (the request as admitted is the
 * exchange's). Steps that follow one another pass it along, each a method reference that captures nothing (no
 * lambda per step and request). It is also three steps itself: the send step the guardrails hand the screened
 * plan to ({@link #apply}), the request's end ({@link #complete}) and what follows the answer ({@link #run}).
 */
final class ChatCall implements Completable<Void>, Runnable, Function<List<Target>, Future<Void>> {
    private final RequestFlow flow;
    final GatewayRuntime rt;
    final Caller caller;
    final Exchange ex;
    final Endpoint.Chat endpoint;
    final ChatSession session;
    final Cancellation cancellation;
    final InFlight.Entry tracked;
    /** the caller's headers by name, for the decoder */
    final Function<String, String> headers;
    /** the alias's route, set by step "route" */
    AliasRoute route;

    ChatCall(RequestFlow flow, GatewayRuntime rt, Caller caller, Exchange ex, Endpoint.Chat endpoint,
             ChatSession session, Cancellation cancellation, InFlight.Entry tracked, Function<String, String> headers) {
        this.flow = flow;
        this.rt = rt;
        this.caller = caller;
        this.ex = ex;
        this.endpoint = endpoint;
        this.session = session;
        this.cancellation = cancellation;
        this.tracked = tracked;
        this.headers = headers;
    }

    /** Step "read": the caller's body, once the caller is known. */
    Future<Buffer> body(Void authenticated) {
        return caller.body(RequestFlow.maxBody(rt));
    }

    /** Step "decode", once the body is read; then resumed, routed, dispatched and answered. */
    Future<Void> decoded(Buffer body) {
        return flow.answer(this, session.decode(body, headers));
    }

    /** Steps "route", "cache" and on, once the request is resumed ({@link RequestFlow#resumed}). */
    Future<Void> resumed(ChatRequest decoded) {
        return flow.resumed(this, decoded);
    }

    /** Step "plan", once admitted ({@code ex.admitted}): the route plan (a complexity verdict may be awaited). */
    Future<Void> planned(Void admitted) {
        return Steps.then(Routing.planChat(rt, caller, ex, ex.admitted, route), this, ChatCall::screened);
    }

    /** Step "guardrails": the plan screened; then sent ({@link #apply}). */
    Future<Void> screened(List<Target> planned) {
        return Guarding.screened(rt, ex, ex.admitted, planned, this);
    }

    /** Step "send" with the screened plan: handed over, or sent and answered. */
    @Override
    public Future<Void> apply(List<Target> plan) {
        return flow.handOverOrSend(this, plan);
    }

    /** The request's end: its error answered if it failed; its record, the session's keep, then the answer. */
    @Override
    public void complete(Void result, Throwable failure) {
        try {
            if (failure != null) {
                flow.answerError(caller, ex, endpoint.front().errors(), failure);
            }
        } finally {
            flow.recorder.record(ex); // a no-op unless no answer was written (the caller left)
            RequestFlow.keep(ex, session); // before the caller can refer to the answer in its next request
            caller.afterWritten(this);
        }
    }

    /** Step "after the answer" ({@link Recorder#afterAnswer}, the taps), once its last byte was handed over. */
    @Override
    public void run() {
        flow.recorder.afterAnswer(ex);
        flow.taps.answered(rt, ex);
        flow.inFlight.remove(tracked);
    }
}
