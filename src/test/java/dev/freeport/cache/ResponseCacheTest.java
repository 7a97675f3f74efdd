package dev.freeport.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import dev.freeport.testing.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache through a real gateway on port 0: a fake OpenAI upstream on a real socket counts the calls
 * that reach it; the alias {@code smart} caches (exact, scope key), {@code plain} does not.
 */
class ResponseCacheTest {
    static final String GREEDY = "{\"model\":\"smart\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"name three ports\"}]}";
    /** The same request: other key order and whitespace, fields that do not change the answer. */
    static final String GREEDY_REORDERED = "{ \"messages\" : [ { \"content\" : \"name three ports\", \"role\" : \"user\" }"
            + " ],\n \"temperature\": 0.0, \"user\": \"someone-else\", \"model\": \"smart\" }";

    FakeUpstream up;
    TestGateway gw;

    @BeforeEach
    void upstream() {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("Hamburg, Rotterdam, Antwerp").usage(20, 10));
    }

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        up.close();
    }

    static String config(FakeUpstream up, String cache) {
        return "providers:\n"
                + "  up: { type: openai, base_url: " + up.baseUrl() + " }\n"
                + """
                routing:
                  data_classes:
                    internal: { deny_jurisdictions: [ CN ] }
                models:
                  - name: smart
                    targets: [ { provider: up, model: big, price: { input: 10, output: 30 } } ]
                    cache: %s
                  - name: plain
                    targets: [ { provider: up, model: big, price: { input: 10, output: 30 } } ]
                """.formatted(cache);
    }

    void start(String cache) {
        gw = TestGateway.fromYamlWithConfig(config(up, cache), (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
    }

    HttpResponse<String> chat(String body, String... headers) {
        HttpResponse<String> r = gw.post("/v1/chat/completions", body, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    static String cacheHeader(HttpResponse<String> r) {
        return r.headers().firstValue("x-freeport-cache").orElse(null);
    }

    @Test
    void aRepeatedGreedyRequestIsAnsweredFromTheCacheWithoutCallingTheUpstream() {
        start("{ ttl: 1h }");

        HttpResponse<String> first = chat(GREEDY);
        HttpResponse<String> second = chat(GREEDY);

        assertThat(cacheHeader(first)).isEqualTo("miss");
        assertThat(cacheHeader(second)).isEqualTo("hit");
        assertThat(up.requests()).hasSize(1);
        JsonNode answer = TestGateway.json(second.body());
        assertThat(answer.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("Hamburg, Rotterdam, Antwerp");
        assertThat(answer.path("model").asText()).isEqualTo("smart");
        assertThat(answer.path("id").asText()).isNotEqualTo(TestGateway.json(first.body()).path("id").asText());
        assertThat(second.headers().firstValue("x-freeport-cost-usd")).contains("0");
        assertThat(second.headers().firstValue("x-freeport-model")).contains("big");
    }

    @Test
    void keyOrderWhitespaceAndFieldsThatDoNotChangeTheAnswerDoNotSplitTheKey() {
        start("{ ttl: 1h }");

        chat(GREEDY);
        HttpResponse<String> second = chat(GREEDY_REORDERED);

        assertThat(cacheHeader(second)).isEqualTo("hit");
        assertThat(up.requests()).hasSize(1);
    }

    @Test
    void aDifferentPromptOrOutputCapIsAMiss() {
        start("{ ttl: 1h }");

        chat(GREEDY);
        HttpResponse<String> other = chat(GREEDY.replace("three", "four"));
        HttpResponse<String> capped = chat(GREEDY.replace("\"temperature\":0", "\"temperature\":0,\"max_tokens\":5"));

        assertThat(cacheHeader(other)).isEqualTo("miss");
        assertThat(cacheHeader(capped)).isEqualTo("miss");
        assertThat(up.requests()).hasSize(3);
    }

    @Test
    void anAnswerKeptUnderOneDataClassIsNotServedUnderAnother() {
        start("{ ttl: 1h }");

        chat(GREEDY);
        HttpResponse<String> internal = chat(GREEDY, "x-freeport-data-class", "internal");

        assertThat(cacheHeader(internal)).isEqualTo("miss");
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void aSampledRequestBypassesTheCacheUnlessTheAliasAllowsSampling() {
        start("{ ttl: 1h }");
        String sampled = GREEDY.replace("\"temperature\":0", "\"temperature\":0.7");
        String unset = GREEDY.replace("\"temperature\":0,", "");

        assertThat(cacheHeader(chat(sampled))).isEqualTo("bypass");
        assertThat(cacheHeader(chat(sampled))).isEqualTo("bypass");
        assertThat(cacheHeader(chat(unset))).isEqualTo("bypass");
        assertThat(up.requests()).hasSize(3);
    }

    @Test
    void allowSampledCachesARequestWithoutTemperature() {
        start("{ ttl: 1h, allow_sampled: true }");
        String unset = GREEDY.replace("\"temperature\":0,", "");

        chat(unset);

        assertThat(cacheHeader(chat(unset))).isEqualTo("hit");
        assertThat(up.requests()).hasSize(1);
    }

    @Test
    void moreThanOneChoiceBypassesTheCache() {
        start("{ ttl: 1h, allow_sampled: true }");
        String two = GREEDY.replace("\"temperature\":0", "\"temperature\":0,\"n\":2");

        assertThat(cacheHeader(chat(two))).isEqualTo("bypass");
    }

    @Test
    void anAliasWithoutACacheSendsNoCacheHeaderAndAlwaysCallsTheUpstream() {
        start("{ ttl: 1h }");
        String plain = GREEDY.replace("\"smart\"", "\"plain\"");

        HttpResponse<String> first = chat(plain);
        chat(plain);

        assertThat(cacheHeader(first)).isNull();
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void noStoreNeitherReadsNorWrites() {
        start("{ ttl: 1h }");

        assertThat(cacheHeader(chat(GREEDY, "cache-control", "no-store"))).isEqualTo("bypass");
        assertThat(cacheHeader(chat(GREEDY))).isEqualTo("miss");   // nothing was written
        assertThat(cacheHeader(chat(GREEDY, "Cache-Control", "max-age=0, No-Store"))).isEqualTo("bypass");
        assertThat(up.requests()).hasSize(3);
    }

    @Test
    void noCacheDoesNotReadButWrites() {
        start("{ ttl: 1h }");

        chat(GREEDY);
        up.setDefault(Reply.ok("Singapore, Shanghai, Busan").usage(20, 10));
        HttpResponse<String> fresh = chat(GREEDY, "cache-control", "no-cache");
        HttpResponse<String> after = chat(GREEDY);

        assertThat(cacheHeader(fresh)).isEqualTo("miss");
        assertThat(TestGateway.json(fresh.body()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("Singapore, Shanghai, Busan");
        assertThat(cacheHeader(after)).isEqualTo("hit");
        assertThat(after.body()).contains("Singapore, Shanghai, Busan");   // the fresh answer replaced the old one
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void anAnswerExpiresAfterItsTtl() throws InterruptedException {
        start("{ ttl: 300ms }");

        chat(GREEDY);
        assertThat(cacheHeader(chat(GREEDY))).isEqualTo("hit");
        Thread.sleep(500);

        assertThat(cacheHeader(chat(GREEDY))).isEqualTo("miss");
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void errorAnswersAreNeverKept() {
        start("{ ttl: 1h }");
        up.enqueue(Reply.status(400));

        HttpResponse<String> failed = gw.post("/v1/chat/completions", GREEDY);
        HttpResponse<String> next = chat(GREEDY);

        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(cacheHeader(next)).isEqualTo("miss");
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void toolCallAnswersAreKeptOnlyWhenTheAliasAllowsThem() {
        up.setDefault(Reply.toolCalls(new ToolCall("call_1", "get_port", "{\"city\":\"Hamburg\"}")));
        start("{ ttl: 1h }");

        chat(GREEDY);
        assertThat(cacheHeader(chat(GREEDY))).isEqualTo("miss");
        gw.close();
        gw = null;

        start("{ ttl: 1h, allow_tool_calls: true }");
        chat(GREEDY);
        HttpResponse<String> hit = chat(GREEDY);
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(TestGateway.json(hit.body()).path("choices").path(0).path("message").path("tool_calls").path(0)
                .path("function").path("name").asText()).isEqualTo("get_port");
    }

    @Test
    void aHitIsALedgerEventAtCostZeroWithTheDollarsSaved() {
        start("{ ttl: 1h }");

        chat(GREEDY);
        chat(GREEDY);

        List<UsageEvent> events = gw.awaitEvents(2);
        UsageEvent miss = events.get(0);
        UsageEvent hit = events.get(1);
        assertThat(miss.cache()).isEqualTo("miss");
        assertThat(miss.costNanos()).isEqualTo(20 * 10_000 + 10 * 30_000); // $10 and $30 per million
        assertThat(miss.savedNanos()).isZero();
        assertThat(hit.cache()).isEqualTo("hit");
        assertThat(hit.costNanos()).isZero();
        assertThat(hit.savedNanos()).isEqualTo(miss.costNanos());
        assertThat(hit.attempts()).isZero();
        assertThat(hit.provider()).isEqualTo("up");
        assertThat(hit.status()).isEqualTo(UsageEvent.Status.OK);
        assertThat(hit.facts().promptHash()).isEqualTo(miss.facts().promptHash());
    }
}
