package dev.freeport.cache;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.limits.LimitsModule;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.OneKey;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cache hit is a request the gateway answers: it counts against the key's requests per minute (and is refused
 * past them), but not against its tokens per minute or its budget (it uses no provider tokens and costs nothing).
 * Alias {@code smart} caches; the upstream answers 20 input and 10 output tokens at $30 per million output tokens.
 */
class CacheLimitsTest {
    private static final String KEY = "sk-cache-limits";
    private final FakeUpstream up = FakeUpstream.start();
    private TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        up.close();
    }

    private void start(Limits limits, Budget budget) {
        up.setDefault(Reply.ok("Hamburg, Rotterdam, Antwerp").usage(20, 10));
        Principal p = new Principal("k1", "fp-k1", null, List.of(), Set.of(), limits, budget, Limits.NONE, null);
        gw = TestGateway.fromYamlWithConfig(ResponseCacheTest.config(up, "{ ttl: 1h }"), (vx, cfg) -> List.of(
                OneKey.module(KEY, p), LimitsModule.create(vx, cfg), CacheModule.open(vx, cfg)));
    }

    private HttpResponse<String> ask() {
        return gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY, "authorization", "Bearer " + KEY);
    }

    @Test
    void aCacheHitCountsAgainstTheKeysRequestsPerMinute() {
        start(new Limits(2, null, null), null);
        assertThat(ResponseCacheTest.cacheHeader(ask())).isEqualTo("miss");
        HttpResponse<String> hit = ask();
        assertThat(hit.statusCode()).as(hit.body()).isEqualTo(200);
        assertThat(ResponseCacheTest.cacheHeader(hit)).isEqualTo("hit");
        assertThat(hit.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        HttpResponse<String> third = ask();
        assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
        assertThat(TestGateway.json(third.body()).path("error").path("code").asText())
                .isEqualTo("rate_limit_exceeded");
        assertThat(up.requests()).hasSize(1);
    }

    @Test
    void aCacheHitPassesASpentTokensPerMinuteLimitAndASpentBudget() {
        // max_tokens 10: the miss reserves ~26 tokens of the 40 per minute and ~$0.00046 of the $0.0006 budget, and
        // settles at 30 tokens and $0.0005: a second miss fits neither; hits pass both
        String ask = "{\"model\":\"smart\",\"temperature\":0,\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"name three ports\"}]}";
        long limit = new BigDecimal("0.0006").movePointRight(9).longValueExact();
        start(new Limits(null, 40L, null), new Budget(limit, Budget.Period.DAY, true, List.of()));
        HttpResponse<String> first = gw.post("/v1/chat/completions", ask, "authorization", "Bearer " + KEY);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(ResponseCacheTest.cacheHeader(first)).isEqualTo("miss");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> hit = gw.post("/v1/chat/completions", ask, "authorization", "Bearer " + KEY);
            assertThat(hit.statusCode()).as(hit.body()).isEqualTo(200);
            assertThat(ResponseCacheTest.cacheHeader(hit)).isEqualTo("hit");
        }
        HttpResponse<String> miss = gw.post("/v1/chat/completions", ask.replace("three", "four"),
                "authorization", "Bearer " + KEY);
        assertThat(miss.statusCode()).as(miss.body()).isEqualTo(429);
        assertThat(up.requests()).hasSize(1);
    }
}
