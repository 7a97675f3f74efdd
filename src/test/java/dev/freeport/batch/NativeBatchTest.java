package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.BatchConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBatchApi;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches handed to the back ends' own batch APIs (native pass-through), against a fake of those APIs. */
class NativeBatchTest {
    static final BatchConfig QUICK = new BatchConfig(2, 60, Duration.ofMillis(50));

    /** One provider "openai" (catalog prices: gpt-6-sol $2 / $10 per million, batch x0.5) or "anthropic", native. */
    static TestGateway gateway(FakeBatchApi api, String type, String model, String extra) {
        return TestGateway.fromYamlWithConfig("""
                providers:
                  %s: { type: %s, base_url: %s, api_key: sk-up, batch: native }
                %s
                models:
                  - name: m
                    targets: [ %s/%s ]
                """.formatted(type, type, api.baseUrl(), extra, type, model),
                (vx, cfg) -> List.of(BatchModule.open(vx, cfg, QUICK, Clock.systemUTC())));
    }

    @Test
    void anOpenAiBatchGoesToTheOpenAiBatchApiOnceAndEachRequestIsInTheLedgerAtHalfPrice() {
        try (FakeBatchApi api = FakeBatchApi.start().polls(3);
             TestGateway gw = gateway(api, "openai", "gpt-6-sol", "")) {
            BatchClient client = new BatchClient(gw.base(), null);

            JsonNode created = client.start(BatchClient.lines("m", 3, 10));
            JsonNode done = client.awaitEnd(created.path("id").asText());

            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(3);
            assertThat(api.creates()).isEqualTo(1);
            assertThat(api.received()).hasSize(3).allSatisfy(b ->
                    assertThat(b.path("model").asText()).isEqualTo("gpt-6-sol"));
            List<JsonNode> out = client.file(done.path("output_file_id").asText());
            assertThat(out).extracting(l -> l.path("custom_id").asText()).containsExactly("r0", "r1", "r2");
            assertThat(out.getFirst().at("/response/body/choices/0/message/content").asText()).isEqualTo("answer to r0");
            List<UsageEvent> events = gw.awaitEvents(3);
            // 1,000 in at $2/M + 1,000 out at $10/M = $0.012; the catalog's batch rule halves it: $0.006
            assertThat(events).allSatisfy(e -> {
                assertThat(e.costNanos()).isEqualTo(6_000_000L);
                assertThat(e.facts().tags()).contains("batch:" + created.path("id").asText())
                        .contains(dev.freeport.module.InnerRequests.NATIVE_BATCH_TAG); // the audit reprices it so
                assertThat(e.keyId()).isNotNull();
                assertThat(e.usage().inputTokens()).isEqualTo(1000);
            });
        }
    }

    @Test
    void anOpenAiFormatBatchRoutedToAnthropicGoesToMessageBatchesAndComesBackInOpenAiFormat() {
        try (FakeBatchApi api = FakeBatchApi.start().polls(2);
             TestGateway gw = gateway(api, "anthropic", "claude-opus-4-5", "")) {
            BatchClient client = new BatchClient(gw.base(), null);

            JsonNode done = client.awaitEnd(client.start(BatchClient.lines("m", 2, 10)).path("id").asText());

            assertThat(api.creates()).isEqualTo(1);
            assertThat(api.received()).allSatisfy(p -> {
                assertThat(p.path("model").asText()).isEqualTo("claude-opus-4-5");
                assertThat(p.path("messages").get(0).path("content").toString()).contains("prompt");
            });
            List<JsonNode> out = client.file(done.path("output_file_id").asText());
            assertThat(out).hasSize(2);
            assertThat(out.get(1).at("/response/body/object").asText()).isEqualTo("chat.completion");
            assertThat(out.get(1).at("/response/body/choices/0/message/content").asText()).isEqualTo("answer to r1");
        }
    }

    @Test
    void aLineTheDataClassForbidsTheProviderIsAnErrorLocallyAndNeverReachesTheBatchApi() {
        try (FakeBatchApi api = FakeBatchApi.start();
             TestGateway gw = TestGateway.fromYamlWithConfig("""
                     providers:
                       openai: { type: openai, base_url: %s, api_key: sk-up, batch: native, trust: public }
                     routing:
                       data_classes:
                         confidential: { allow_trust: [ self-hosted ] }
                     models:
                       - name: m
                         targets: [ openai/gpt-6-sol ]
                     """.formatted(api.baseUrl()), (vx, cfg) -> List.of(BatchModule.open(vx, cfg, QUICK,
                     Clock.systemUTC())))) {
            BatchClient client = new BatchClient(gw.base(), null);

            JsonNode done = client.awaitEnd(client.start(BatchClient.lines("m", 2, 10), "x-freeport-data-class",
                    "confidential").path("id").asText());

            assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(2);
            assertThat(api.requests()).isZero();
        }
    }

    @Test
    void perLineErrorsOfTheBatchApiComeBackAsErrorLinesInTheCallersFormat() {
        try (FakeBatchApi api = FakeBatchApi.start().polls(1);
             TestGateway gw = gateway(api, "openai", "gpt-6-sol", "")) {
            BatchClient client = new BatchClient(gw.base(), null);
            String lines = BatchClient.lines("m", 2, 10).replace("prompt 1", "FAIL");

            JsonNode done = client.awaitEnd(client.start(lines).path("id").asText());

            assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(1);
            List<JsonNode> errors = client.file(done.path("error_file_id").asText());
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.path("custom_id").asText()).isEqualTo("r1");
                assertThat(e.at("/response/status_code").asInt()).isEqualTo(400);
                assertThat(e.at("/response/body/error/message").asText()).contains("the fake refused");
            });
        }
    }

    @Test
    void cancellingTheBatchOnTheGatewayCancelsItsBatchUpstream() {
        try (FakeBatchApi api = FakeBatchApi.start().polls(40);
             TestGateway gw = gateway(api, "openai", "gpt-6-sol", "")) {
            BatchClient client = new BatchClient(gw.base(), null);
            String id = client.start(BatchClient.lines("m", 2, 10)).path("id").asText();
            long until = System.nanoTime() + 10_000_000_000L;
            while (api.creates() == 0 && System.nanoTime() < until) {
                BatchClient.sleep(20);
            }

            client.post("/v1/batches/" + id + "/cancel", "{}");
            JsonNode done = client.awaitEnd(id);

            assertThat(api.cancels()).isEqualTo(1);
            assertThat(done.path("status").asText()).isEqualTo("cancelled");
            assertThat(gw.events()).isEmpty();
        }
    }

    @Test
    void aMaskedLineGoesToTheBatchApiMaskedAndABlockedOneNeverGoes() {
        try (FakeBatchApi api = FakeBatchApi.start().polls(1);
             TestGateway gw = TestGateway.fromYamlWithConfig("""
                     providers:
                       openai: { type: openai, base_url: %s, api_key: sk-up, batch: native, trust: public }
                     guardrails:
                       rules:
                         - trust: [public]
                           block: [aws_access_key_id]
                           mask: [secrets]
                     models:
                       - name: m
                         targets: [ openai/gpt-6-sol ]
                     """.formatted(api.baseUrl()), (vx, cfg) -> List.of(BatchModule.open(vx, cfg, QUICK,
                     Clock.systemUTC())))) {
            BatchClient client = new BatchClient(gw.base(), null);
            String lines = BatchClient.lines("m", 2, 10)
                    .replace("prompt 0", "token ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d ok")
                    .replace("prompt 1", "key AKIAZ7QW2ERT5YUI3OPL");

            JsonNode done = client.awaitEnd(client.start(lines).path("id").asText());

            assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(1);
            assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(1);
            assertThat(api.received()).singleElement().satisfies(b -> assertThat(b.path("messages").get(0)
                    .path("content").asText()).isEqualTo("token [GITHUB_TOKEN] ok"));
            assertThat(api.received().toString()).doesNotContain("AKIAZ7QW2ERT5YUI3OPL");
        }
    }
}
