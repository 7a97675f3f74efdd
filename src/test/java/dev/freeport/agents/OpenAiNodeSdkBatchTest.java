package dev.freeport.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.batch.BatchModule;
import dev.freeport.config.BatchConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code openai} npm SDK runs a whole batch against Freeport (src/test/node/openai-batch.cjs): upload,
 * create, poll, download the output and error files, list; each contained request reached the upstream once and
 * left one ledger event tagged with the batch.
 */
class OpenAiNodeSdkBatchTest {
    /** Patient upstream timeouts: on a loaded machine a slow answer must not be sent again by the router. */
    private static final dev.freeport.api.Timeouts PATIENT = new dev.freeport.api.Timeouts(
            java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30),
            java.time.Duration.ofSeconds(60));
    private static final String KEY = "sk-node-batch";

    @Test
    void theOpenAiSdkUploadsCreatesPollsAndDownloadsABatch() throws Exception {
        AgentInstall.require();
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().masterKey(KEY).openai("up", up.baseUrl(), PATIENT)
                     .alias("cheap", "up/qwen3-8b")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(2, 6000), Clock.systemUTC()))
                     .start()) {
            up.setDefault(Reply.ok("Batched answer."));

            JsonNode out = NodeScript.run("openai-batch.cjs", Map.of("FREEPORT_BASE", gw.base() + "/v1",
                    "FREEPORT_KEY", KEY, "FREEPORT_MODEL", "cheap"));

            assertThat(out.at("/file/purpose").asText()).isEqualTo("batch");
            assertThat(out.path("retrievedFile").asText()).isEqualTo(out.at("/file/id").asText());
            assertThat(out.path("createdStatus").asText()).isEqualTo("in_progress");
            assertThat(out.path("status").asText()).isEqualTo("completed");
            assertThat(out.at("/counts/total").asInt()).isEqualTo(3);
            assertThat(out.at("/counts/completed").asInt()).isEqualTo(2);
            assertThat(out.at("/counts/failed").asInt()).isEqualTo(1);
            assertThat(out.at("/metadata/job").asText()).isEqualTo("nightly");
            assertThat(out.path("output")).hasSize(2);
            JsonNode first = out.path("output").get(0);
            assertThat(first.path("custom_id").asText()).isEqualTo("first");
            assertThat(first.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(first.at("/response/body/choices/0/message/content").asText()).isEqualTo("Batched answer.");
            assertThat(first.at("/response/body/model").asText()).isEqualTo("cheap");
            assertThat(first.path("error").isNull()).isTrue();
            JsonNode broken = out.path("errors").get(0);
            assertThat(broken.path("response").isNull()).isTrue();
            assertThat(broken.at("/error/code").asText()).isEqualTo("invalid_json_line");
            assertThat(broken.at("/error/message").asText()).contains("Line 3");
            assertThat(out.path("listed").get(0).asText()).isEqualTo(out.path("id").asText());
            assertThat(out.at("/missing/status").asInt()).isEqualTo(404);
            assertThat(up.requests()).hasSize(2);
            assertThat(gw.awaitEvents(3)).filteredOn(e -> e.endpoint().equals("chat")).hasSize(2)
                    .extracting(UsageEvent::facts)
                    .allSatisfy(f -> assertThat(f.tags()).isEqualTo("batch:" + out.path("id").asText()));
        }
    }

    @Test
    void theOpenAiSdksBatchGoesToOpenAisBatchApiOnceAndComesBackInItsFiles() throws Exception {
        AgentInstall.require();
        try (dev.freeport.testing.FakeBatchApi api = dev.freeport.testing.FakeBatchApi.start().polls(2);
             TestGateway gw = TestGateway.builder().masterKey(KEY).nativeBatches("openai", "openai", api.baseUrl())
                     .alias("cheap", "openai/gpt-6-sol")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(2, 6000,
                             java.time.Duration.ofMillis(50)), Clock.systemUTC()))
                     .start()) {
            JsonNode out = NodeScript.run("openai-batch.cjs", Map.of("FREEPORT_BASE", gw.base() + "/v1",
                    "FREEPORT_KEY", KEY, "FREEPORT_MODEL", "cheap"));

            assertThat(out.path("status").asText()).isEqualTo("completed");
            assertThat(out.at("/counts/completed").asInt()).isEqualTo(2);
            assertThat(out.at("/counts/failed").asInt()).isEqualTo(1);
            JsonNode first = out.path("output").get(0);
            assertThat(first.path("custom_id").asText()).isEqualTo("first");
            assertThat(first.at("/response/body/choices/0/message/content").asText()).startsWith("answer to r");
            assertThat(api.creates()).isEqualTo(1);
            assertThat(api.received()).hasSize(2).allSatisfy(b ->
                    assertThat(b.path("model").asText()).isEqualTo("gpt-6-sol"));
            assertThat(gw.awaitEvents(2)).filteredOn(e -> e.endpoint().equals("chat")).hasSize(2)
                    .allSatisfy(e -> assertThat(e.costNanos()).isEqualTo(6_000_000L));
        }
    }
}
