package dev.freeport.limits;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.OneKey;
import dev.freeport.tokens.TokenCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request past a long-context threshold reserves at the tier it is billed at. The catalog's
 * anthropic/claude-haiku-5-5 costs $0.10 / $0.50 per million input / output tokens up to 100,000 prompt tokens and
 * $0.50 / $2.50 over: a prompt of ~120,000 tokens with max_tokens 1000 costs ~$0.0125 at the plain price and
 * ~$0.0625 at the tier, so a $0.03 budget must refuse it.
 */
class LongContextReservationTest {
    private final FakeUpstream up = FakeUpstream.start();
    private TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        up.close();
    }

    /** Pseudo-random lowercase words: more tokens than 100,000 (checked), fewer bytes than the body limit. */
    private static String longPrompt() {
        Random r = new Random(7);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            int len = 3 + r.nextInt(5);
            for (int j = 0; j < len; j++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            b.append(' ');
        }
        return b.toString();
    }

    @Test
    void aBudgetAboveThePlainReservationButBelowTheLongContextOneRefusesTheRequest() {
        String prompt = longPrompt();
        int tokens = TokenCounter.countText(prompt);
        assertThat(tokens).as("prompt tokens").isBetween(100_000, 200_000);
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE,
                LimitsHarness.hardUsd("0.03", Budget.Period.DAY), Limits.NONE, null);
        gw = TestGateway.fromYamlWithConfig("providers:\n"
                + "  anthropic: { type: anthropic, base_url: " + up.baseUrl() + ", api_key: test }\n"
                + "models:\n"
                + "  - name: m\n"
                + "    targets: [ { provider: anthropic, model: claude-haiku-5-5 } ]\n", (vx, cfg) -> List.of(
                OneKey.module(LimitsHarness.KEY, p), LimitsModule.create(vx, cfg)));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", "m").put("max_tokens", 1000);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        HttpResponse<String> r = gw.post("/v1/chat/completions", body.toString(),
                "authorization", "Bearer " + LimitsHarness.KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(LimitsHarness.code(r)).isEqualTo("budget_exceeded");
        assertThat(up.requests()).isEmpty();
    }
}
