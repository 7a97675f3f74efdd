package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.freeport.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints, headers and the error statuses of bad input, all in OpenAI's error shape. */
class EndpointsTest {
    private static final String KEY = "fp-master-secret";
    private static final String HELLO = """
            {"model":"smart","messages":[{"role":"user","content":"hello"}]}""";
    private FakeUpstream up;
    private TestGateway gw;

    @BeforeEach
    void start() {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("hi there").usage(1000, 500));
        gw = TestGateway.builder().masterKey(KEY).maxBody(4096).openai("up", up.baseUrl())
                .alias("smart", "up/gpt-4.1").alias("embed", "up/text-embedding-3-small").start();
    }

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    private HttpResponse<String> chat(String body) {
        return gw.post("/v1/chat/completions", body, "authorization", "Bearer " + KEY);
    }

    private static void assertOpenAiError(HttpResponse<String> r, int status, String messagePart) {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode err = json(r.body()).path("error");
        assertThat(err.path("message").asText()).contains(messagePart);
        assertThat(err.has("type")).isTrue();
        assertThat(err.has("param")).isTrue();
        assertThat(err.has("code")).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void answersWithGatewayHeadersAndTheExactCost() {
        HttpResponse<String> r = chat(HELLO);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-request-id").orElse("")).startsWith("req_");
        // gpt-4.1 from the bundled catalog: $2.00 in / $8.00 out per 1M tokens → 1000 in + 500 out = $0.006
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).hasValue("0.006");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.costNanos()).isEqualTo(6_000_000L);
        assertThat(e.id()).isEqualTo(r.headers().firstValue("x-freeport-request-id").orElseThrow());
        assertThat(e.caller()).isEqualTo("master");
        assertThat(e.alias()).isEqualTo("smart");
        assertThat(e.upstreamModel()).isEqualTo("gpt-4.1");
    }

    @Test
    void passesFieldsItDoesNotKnowThroughUntouched() {
        chat("""
                {"model":"smart","messages":[{"role":"user","content":"hello"}],
                 "logit_bias":{"50256":-100},"x_vendor_flag":{"deep":[1,2,3]},"seed":7}""");
        JsonNode sent = up.requests().get(0).body();
        assertThat(sent.path("x_vendor_flag").path("deep").toString()).isEqualTo("[1,2,3]");
        assertThat(sent.path("logit_bias").path("50256").asInt()).isEqualTo(-100);
        assertThat(sent.path("seed").asInt()).isEqualTo(7);
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4.1");
    }

    @Test
    void sendsTheProvidersKeyUpstreamNotTheCallers() {
        chat(HELLO);
        assertThat(up.requests().get(0).header("authorization")).isEqualTo("Bearer sk-test-up");
    }

    @Test
    void missingKeyGives401() {
        assertOpenAiError(gw.post("/v1/chat/completions", HELLO), 401, "Missing API key");
        assertThat(up.requests()).isEmpty();
    }

    @Test
    void wrongKeyGives401AndIsRecorded() {
        assertOpenAiError(gw.post("/v1/chat/completions", HELLO, "x-api-key", "nope"), 401, "Incorrect API key");
        UsageEvent e = gw.onlyEvent();
        assertThat(e.status()).isEqualTo(UsageEvent.Status.FAILED);
        assertThat(e.httpStatus()).isEqualTo(401);
    }

    @Test
    void invalidJsonGives400() {
        assertOpenAiError(chat("{\"model\": "), 400, "could not parse the JSON body");
    }

    @Test
    void invalidFieldGives400NamingIt() {
        HttpResponse<String> r = chat("""
                {"model":"smart","messages":[{"role":"user","content":"hi"}],"top_p":"high"}""");
        assertOpenAiError(r, 400, "top_p");
        assertThat(json(r.body()).path("error").path("param").asText()).isEqualTo("top_p");
    }

    @Test
    void unknownModelGives404ListingTheKnownOnes() {
        HttpResponse<String> r = chat(HELLO.replace("smart", "gpt-9"));
        assertOpenAiError(r, 404, "Known models: smart, embed");
        assertThat(json(r.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void bodyOverTheLimitGives413() {
        String big = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";
        assertOpenAiError(chat(big), 413, "larger than this gateway accepts");
        assertThat(up.requests()).isEmpty();
    }

    @Test
    void wrongMethodGives405AndUnknownPath404() {
        assertOpenAiError(gw.get("/v1/chat/completions"), 405, "not allowed");
        assertOpenAiError(gw.get("/v2/whatever"), 404, "Unknown path");
    }

    @Test
    void modelsListsTheAliases() {
        HttpResponse<String> r = gw.get("/v1/models", "authorization", "Bearer " + KEY);
        JsonNode data = json(r.body()).path("data");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.get(0).path("id").asText()).isEqualTo("smart");
        assertThat(data.get(0).path("object").asText()).isEqualTo("model");
        assertThat(data.get(0).path("freeport").path("simulated").asBoolean()).isFalse();
        assertThat(json(gw.get("/v1/models/embed", "authorization", "Bearer " + KEY).body()).path("id").asText())
                .isEqualTo("embed");
        assertOpenAiError(gw.get("/v1/models/nope", "authorization", "Bearer " + KEY), 404, "does not exist");
    }

    @Test
    void healthAndReadinessAnswerWithoutAKey() {
        assertThat(gw.get("/health").statusCode()).isEqualTo(200);
        assertThat(gw.get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void embeddingsAreRoutedAndRecorded() {
        HttpResponse<String> r = gw.post("/v1/embeddings", "{\"model\":\"embed\",\"input\":[\"a\",\"b\"]}",
                "authorization", "Bearer " + KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).path("data").size()).isEqualTo(2);
        assertThat(r.headers().firstValue("x-freeport-cost-usd")).isPresent();
        UsageEvent e = gw.onlyEvent();
        assertThat(e.endpoint()).isEqualTo("embeddings");
        assertThat(e.inputTokens()).isPositive();
    }

    @Test
    void everyRequestLeavesExactlyOneEventWhateverItsOutcome() {
        chat(HELLO);
        chat("{bad");
        chat(HELLO.replace("smart", "nope"));
        gw.post("/v1/chat/completions", HELLO);
        up.enqueue(Reply.status(400));
        chat(HELLO);
        List<UsageEvent> events = gw.awaitEvents(5);
        assertThat(events).hasSize(5);
        assertThat(events).extracting(UsageEvent::httpStatus).containsExactlyInAnyOrder(200, 400, 404, 401, 400);
        assertThat(events).extracting(UsageEvent::id).doesNotHaveDuplicates();
    }

    @Test
    void recordsPromptFingerprintsForTheAudit() {
        String convo = """
                {"model":"smart","max_tokens":300,"messages":[{"role":"system","content":"You are terse."},
                 {"role":"user","content":"first"},{"role":"assistant","content":"ok"},
                 {"role":"user","content":"second"}]}""";
        chat(convo);
        chat(convo);
        chat(convo.replace("second", "third"));
        List<UsageEvent> events = gw.awaitEvents(3);
        var facts = events.stream().map(UsageEvent::facts).toList();
        assertThat(facts.get(0).promptHash()).isEqualTo(facts.get(1).promptHash()).isNotEqualTo(facts.get(2).promptHash());
        assertThat(facts.get(0).prefixHex()).isEqualTo(facts.get(2).prefixHex()).isNotNull();
        assertThat(facts.get(0).conversationKey()).isEqualTo(facts.get(2).conversationKey());
        assertThat(facts.get(0).messageCount()).isEqualTo(4);
        assertThat(facts.get(0).maxTokens()).isEqualTo(300);
        assertThat(facts.get(0).finishReason()).isEqualTo("stop");
        assertThat(facts.get(0).front()).isEqualTo("openai");
        assertThat(facts.get(0).prefixTokens()).isBetween(1L, 999L);
    }

    @Test
    void adminAuditServesTheLedgersSpendAsJson() {
        chat(HELLO);
        gw.awaitEvents(1);
        HttpResponse<String> r = gw.get("/admin/audit?since=1d", "authorization", "Bearer " + KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("0.006");
        assertThat(gw.get("/admin/audit").statusCode()).isEqualTo(401);
        assertThat(gw.get("/admin/audit?since=soon", "authorization", "Bearer " + KEY).statusCode()).isEqualTo(400);
    }
}
