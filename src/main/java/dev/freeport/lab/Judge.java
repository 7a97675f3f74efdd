package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.json.Json;
import dev.freeport.route.RoutePlanner;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;

import java.util.Locale;

/**
 * The LLM judge: a configured alias (any model behind Freeport) compares two answers to the same request blind
 * (labelled A and B, never by model) with a rubric, and answers a JSON verdict {@code {"winner": "A"|"B"|"tie",
 * "reason": ...}}. Each pair is judged in both orders (incumbent first, then candidate first); the candidate is
 * better or worse only when both orders say so, and the same when they disagree (position bias) or say tie. The
 * judge's requests go under the sample's own data-class rules (the judge reads the request and both answers).
 */
final class Judge {
    static final String RUBRIC = "You are judging two answers to the same request. Judge only the answers: "
            + "correctness first, then whether they follow every instruction of the request (format, schema, tools), "
            + "then completeness and clarity. Length and style alone do not make an answer better. Reply with JSON "
            + "only: {\"winner\": \"A\" or \"B\" or \"tie\", \"reason\": \"one sentence\"}.";
    private static final int MAX_CHARS = 6000;

    /** One order's outcome: which label won, why, what it cost. */
    record Call(String winner, String reason, long costNanos, String error) {
    }

    private Judge() {
    }

    /** Judges a pair in both orders; completes with the combined verdict (a failed judge call fails the future). */
    static Future<Verdict> judge(GatewayRuntime rt, String judgeAlias, LabSample s, LabResult r,
                                 RoutePlanner.Request rules) {
        String prompt = ReportBuilder.lastUser(s.request());
        String inc = ShadowCall.text(s.primary().body());
        String cand = ShadowCall.text(r.answer().body());
        Future<Call> first = ask(rt, judgeAlias, prompt, inc, cand, rules);
        Future<Call> second = ask(rt, judgeAlias, prompt, cand, inc, rules);
        return Future.all(first, second).compose(done -> {
            Call a = first.result();
            Call b = second.result();
            long cost = a.costNanos() + b.costNanos();
            if (a.error() != null || b.error() != null) {
                return Future.failedFuture(new IllegalStateException("the judge failed: "
                        + (a.error() != null ? a.error() : b.error())));
            }
            Verdict.Kind inFirst = a.winner().equals("B") ? Verdict.Kind.BETTER : a.winner().equals("A")
                    ? Verdict.Kind.WORSE : Verdict.Kind.SAME;
            Verdict.Kind inSecond = b.winner().equals("A") ? Verdict.Kind.BETTER : b.winner().equals("B")
                    ? Verdict.Kind.WORSE : Verdict.Kind.SAME;
            Verdict.Kind kind = inFirst == inSecond ? inFirst : Verdict.Kind.SAME;
            String reason = inFirst == inSecond ? a.reason() : "the orders disagreed (" + inFirst.label() + " / "
                    + inSecond.label() + "): counted as the same";
            return Future.succeededFuture(new Verdict(s.id(), r.candidate(), s.alias(), judgeAlias,
                    System.currentTimeMillis(), kind, reason, cost));
        });
    }

    private static Future<Call> ask(GatewayRuntime rt, String judgeAlias, String prompt, String a, String b,
                                    RoutePlanner.Request rules) {
        ObjectNode body = Json.NODES.objectNode().put("model", judgeAlias).put("temperature", 0);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", RUBRIC);
        messages.addObject().put("role", "user").put("content", "Request:\n" + cut(prompt) + "\n\nAnswer A:\n"
                + cut(a) + "\n\nAnswer B:\n" + cut(b));
        body.putObject("response_format").put("type", "json_object");
        ChatRequest request = new ChatRequest(judgeAlias, false, false, null, null, body);
        return ShadowCall.send(rt, request, rules, judgeAlias).map(ans -> {
            if (!ans.ok()) {
                return new Call(null, null, ans.costNanos(), ans.status() + ": " + ans.error());
            }
            JsonNode verdict;
            try {
                verdict = Json.MAPPER.readTree(ShadowCall.text(ans.body()).strip());
            } catch (Exception e) {
                return new Call(null, null, ans.costNanos(), "the judge's answer is not JSON");
            }
            String winner = verdict.path("winner").asText("").strip().toUpperCase(Locale.ROOT);
            if (!winner.equals("A") && !winner.equals("B") && !winner.equals("TIE")) {
                return new Call(null, null, ans.costNanos(), "the judge named no winner");
            }
            return new Call(winner, verdict.path("reason").asText(""), ans.costNanos(), null);
        });
    }

    private static String cut(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + " …";
    }
}
