package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.json.Json;
import dev.freeport.module.AnswerTap.Answered;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.DispatchFailed;
import dev.freeport.route.RoutePlanner;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import dev.freeport.tokens.TokenCounter;
import io.vertx.core.Future;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One request sent again to a candidate alias (a shadow, or a replay): planned with the very rules the primary was
 * planned with (its data class, the caller's vendor rules, the kill switch, the candidate's capabilities), so it
 * never reaches a target the primary could not have; then dispatched with the candidate's retries and fallbacks,
 * under the router's total timeout; streamed when the primary was (its time to first token measured, the stream
 * read to its end and assembled by {@link StreamCollector}), else not. Completes with the candidate's {@link LabAnswer}: refused (nothing
 * sent) when no target of the candidate may take the request, failed when every attempt failed.
 */
final class ShadowCall {
    private ShadowCall() {
    }

    /** A shadow: streamed when the primary was (its time to first token is then measured), else not. */
    static Future<LabAnswer> send(Answered a, String candidate) {
        return send(a.runtime(), a.request(), a.routing(), candidate, a.request().stream());
    }

    static Future<LabAnswer> send(GatewayRuntime rt, ChatRequest request, RoutePlanner.Request rules,
                                  String candidate) {
        return send(rt, request, rules, candidate, false);
    }

    static Future<LabAnswer> send(GatewayRuntime rt, ChatRequest request, RoutePlanner.Request rules,
                                  String candidate, boolean stream) {
        AliasRoute route = rt.route(candidate);
        if (route == null) {
            return Future.succeededFuture(new LabAnswer(null, null, LabAnswer.FAILED, "unknown alias '" + candidate
                    + "'", 0, 0, 0, 0, null, null, null));
        }
        RoutePlanner.Request same = new RoutePlanner.Request(rules.needs(), rules.dataClass(), rules.classRefuses(),
                rules.callerRefuses(), null);
        RoutePlanner.Plan plan = rt.planner().plan(route, same, ThreadLocalRandom.current(),
                System.currentTimeMillis());
        if (plan.refusal() != null || plan.targets().isEmpty()) {
            return Future.succeededFuture(LabAnswer.refused(plan.refusal() == null ? "no target"
                    : plan.refusal().message()));
        }
        ChatRequest copy = new ChatRequest(candidate, stream, stream, request.maxOutputTokens(), request.user(),
                request.body(), request.nativeAnthropic(), request.traits(), request.nativeHeaders());
        Cancellation cancellation = new Cancellation();
        long start = System.nanoTime();
        if (stream) {
            return rt.dispatcher().<ChunkStream>dispatch(plan.targets(), cancellation,
                            rt.dispatcher().defaultDeadline(start),
                            t -> t.provider().chatStream(new Call(copy, t.upstreamModel(), t.timeouts(), cancellation)))
                    .compose(d -> {
                        long ttft = (System.nanoTime() - start) / 1_000_000;
                        return StreamCollector.collect(d.value()).map(c -> {
                            LabAnswer a = answered(copy, d.target(), new ChatResult(c.body(), c.usage(),
                                    c.finishReason()), (System.nanoTime() - start) / 1_000_000);
                            return new LabAnswer(a.provider(), a.model(), a.status(), a.error(), a.inputTokens(),
                                    a.outputTokens(), a.costNanos(), a.latencyMillis(), ttft, a.finishReason(), a.body());
                        });
                    })
                    .recover(e -> Future.succeededFuture(failed(e, (System.nanoTime() - start) / 1_000_000)));
        }
        return rt.dispatcher().<ChatResult>dispatch(plan.targets(), cancellation,
                        rt.dispatcher().defaultDeadline(start),
                        t -> t.provider().chat(new Call(copy, t.upstreamModel(), t.timeouts(), cancellation)))
                .map(d -> answered(copy, d.target(), d.value(), (System.nanoTime() - start) / 1_000_000))
                .recover(e -> Future.succeededFuture(failed(e, (System.nanoTime() - start) / 1_000_000)));
    }

    private static LabAnswer answered(ChatRequest q, Target t, ChatResult r, long millis) {
        ObjectNode body = r.body();
        Usage usage = r.usage();
        if (usage == null || usage.isEmpty()) {
            usage = new Usage(TokenCounter.countPrompt(q), TokenCounter.countText(text(body)), 0, 0, 0, true);
        }
        long cost = t.price() == null ? 0 : PriceCatalog.costNanos(t.price(), usage, millis);
        return new LabAnswer(t.provider().name(), t.upstreamModel(), LabAnswer.OK, null, usage.inputTokens(),
                usage.outputTokens(), cost, millis, null, r.finishReason(), body);
    }

    private static LabAnswer failed(Throwable e, long millis) {
        String why = e instanceof DispatchFailed df ? df.error().message() : String.valueOf(e.getMessage());
        String provider = null;
        String model = null;
        if (e instanceof DispatchFailed df && df.lastTarget() != null) {
            provider = df.lastTarget().provider().name();
            model = df.lastTarget().upstreamModel();
        }
        return new LabAnswer(provider, model, LabAnswer.FAILED, why.length() > 500 ? why.substring(0, 500) : why,
                0, 0, 0, millis, null, null, null);
    }

    /** The text of an answer: contents, reasoning and tool-call arguments. */
    static String text(JsonNode body) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode choice : body.path("choices")) {
            JsonNode m = choice.path("message");
            if (m.path("content").isTextual()) {
                sb.append(m.path("content").textValue());
            }
            for (JsonNode call : m.path("tool_calls")) {
                sb.append(call.path("function").path("name").asText(""));
                sb.append(call.path("function").path("arguments").asText(""));
            }
        }
        return sb.toString();
    }

    /** A streamed answer's text as a chat completion, for comparison with non-streamed ones. */
    static ObjectNode completion(String text, String finishReason) {
        ObjectNode body = Json.NODES.objectNode().put("object", "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text == null ? "" : text);
        choice.put("finish_reason", finishReason);
        return body;
    }

    /** A fresh id for a shadow request's ledger event: "shd_" + millis + 48 random bits, like request ids. */
    static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String random = Long.toHexString((r.nextLong() & 0xffffffffffffL) | 0x1000000000000L).substring(1);
        return "shd_" + Long.toHexString(System.currentTimeMillis()) + random;
    }
}
