package dev.freeport.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.batch.BatchModule;
import dev.freeport.config.BatchConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code @anthropic-ai/sdk} runs a whole Message Batch against Freeport
 * (src/test/node/anthropic-batch.cjs) served by an Anthropic-format fake upstream: create, poll, list, stream the
 * results (a request with bad params errored on its own), delete.
 */
class AnthropicNodeSdkBatchTest {
    /** Patient upstream timeouts: on a loaded machine a slow answer must not be sent again by the router. */
    private static final dev.freeport.api.Timeouts PATIENT = new dev.freeport.api.Timeouts(
            java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30),
            java.time.Duration.ofSeconds(60));
    private static final String KEY = "sk-node-msgbatch";

    @Test
    void theAnthropicSdkCreatesPollsReadsResultsAndDeletesAMessageBatch() throws Exception {
        AgentInstall.require();
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().masterKey(KEY).anthropic("claude", up.anthropicBaseUrl(), PATIENT)
                     .alias("haiku", "claude/claude-haiku-4-5")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(2, 6000), Clock.systemUTC()))
                     .start()) {
            up.setDefault(Reply.ok("Batched answer."));

            JsonNode out = NodeScript.run("anthropic-batch.cjs", Map.of("FREEPORT_BASE", gw.base(),
                    "FREEPORT_KEY", KEY, "FREEPORT_MODEL", "haiku"));

            assertThat(out.path("createdType").asText()).isEqualTo("message_batch");
            assertThat(out.path("createdStatus").asText()).isEqualTo("in_progress");
            assertThat(out.path("status").asText()).isEqualTo("ended");
            assertThat(out.at("/counts/succeeded").asInt()).isEqualTo(2);
            assertThat(out.at("/counts/errored").asInt()).isEqualTo(1);
            assertThat(out.at("/counts/processing").asInt()).isZero();
            JsonNode results = out.path("results");
            assertThat(results).hasSize(3);
            assertThat(results.get(0).path("custom_id").asText()).isEqualTo("first");
            assertThat(results.get(0).at("/result/type").asText()).isEqualTo("succeeded");
            assertThat(results.get(0).at("/result/message/content/0/text").asText()).isEqualTo("Batched answer.");
            assertThat(results.get(0).at("/result/message/model").asText()).isEqualTo("haiku");
            assertThat(results.get(2).path("custom_id").asText()).isEqualTo("bad");
            assertThat(results.get(2).at("/result/type").asText()).isEqualTo("errored");
            assertThat(results.get(2).at("/result/error/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(out.path("listed").get(0).asText()).isEqualTo(out.path("id").asText());
            assertThat(out.path("deleted").asText()).isEqualTo("message_batch_deleted");
            assertThat(out.at("/missing/status").asInt()).isEqualTo(404);
            assertThat(up.requests()).hasSize(2);
        }
    }

    @Test
    void theAnthropicSdksMessageBatchGoesToAnthropicsMessageBatchesApiAtTheBatchPrice() throws Exception {
        AgentInstall.require();
        try (dev.freeport.testing.FakeBatchApi api = dev.freeport.testing.FakeBatchApi.start().polls(2);
             TestGateway gw = TestGateway.builder().masterKey(KEY).nativeBatches("anthropic", "anthropic", api.baseUrl())
                     .alias("opus", "anthropic/claude-opus-4-5")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(2, 6000,
                             java.time.Duration.ofMillis(50)), Clock.systemUTC()))
                     .start()) {
            JsonNode out = NodeScript.run("anthropic-batch.cjs", Map.of("FREEPORT_BASE", gw.base(),
                    "FREEPORT_KEY", KEY, "FREEPORT_MODEL", "opus"));

            assertThat(out.path("status").asText()).isEqualTo("ended");
            assertThat(out.at("/counts/succeeded").asInt()).isEqualTo(2);
            assertThat(out.at("/counts/errored").asInt()).isEqualTo(1);
            JsonNode results = out.path("results");
            assertThat(results.get(0).path("custom_id").asText()).isEqualTo("first");
            assertThat(results.get(0).at("/result/message/content/0/text").asText()).startsWith("answer to r");
            assertThat(results.get(2).at("/result/type").asText()).isEqualTo("errored");
            assertThat(api.creates()).isEqualTo(1);
            assertThat(api.received()).hasSize(2).allSatisfy(p ->
                    assertThat(p.path("model").asText()).isEqualTo("claude-opus-4-5"));
            assertThat(gw.awaitEvents(3)).filteredOn(e -> e.status() == dev.freeport.ledger.UsageEvent.Status.OK)
                    .hasSize(2).allSatisfy(e -> assertThat(e.costNanos()).isEqualTo(15_000_000L)); // (1,000 x $5 + 1,000 x $25) / 1M, x0.5
        }
    }
}
