package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.caller.Authenticator;
import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.caller.Principal;
import dev.freeport.config.BatchConfig;
import dev.freeport.config.PriceConfig;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a batch's requests run: budgets per request, data classes, cancelling. */
class BatchRunTest {
    static final BatchConfig FAST = new BatchConfig(1, 60_000);

    /** One key, "sk-budget", whose principal has a hard total budget of $0.25 (also found by its id). */
    static Module keyWithBudget() {
        Principal p = new Principal("key-budget", "fp-budget", null, List.of(), Set.of(), Limits.NONE,
                new Budget(250_000_000L, Budget.Period.TOTAL, true, List.of()), Limits.NONE, null);
        return Module.authenticating(cfg -> new Authenticator() {
            @Override
            public Future<Principal> authenticate(String presented) {
                return "sk-budget".equals(presented) ? Future.succeededFuture(p)
                        : Future.failedFuture(MasterKeyAuthenticator.wrongKey().toException());
            }

            @Override
            public Future<Principal> principal(String keyId) {
                return p.keyId().equals(keyId) ? Future.succeededFuture(p) : Authenticator.super.principal(keyId);
            }
        });
    }

    @Test
    void whenTheKeysBudgetRunsOutMidBatchTheRestEndWithTheBudgetErrorAndTheBatchCompletes() {
        // output at $1000 per million tokens: each answer of ~100 words costs about $0.10 of the $0.25
        PriceConfig price = new PriceConfig(BigDecimal.ZERO, new BigDecimal("1000"), null, null, null);
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).pricedAlias("m", price, "up/gpt")
                     .module((vx, cfg) -> keyWithBudget())
                     .module(LimitsModule::create)
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, FAST, Clock.systemUTC())).start()) {
            up.setDefault(Reply.ok("word ".repeat(100).strip()));
            BatchClient client = new BatchClient(gw.base(), "sk-budget");

            JsonNode created = client.start(BatchClient.lines("m", 6, 100));
            JsonNode done = client.awaitEnd(created.path("id").asText());

            assertThat(done.path("status").asText()).isEqualTo("completed");
            int ok = done.at("/request_counts/completed").asInt();
            assertThat(ok).isBetween(1, 3);
            assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(6 - ok);
            assertThat(up.requests()).hasSize(ok);
            List<JsonNode> errors = client.file(done.path("error_file_id").asText());
            assertThat(errors).hasSize(6 - ok).allSatisfy(e -> {
                assertThat(e.at("/response/status_code").asInt()).isEqualTo(429);
                assertThat(e.at("/response/body/error/code").asText()).isEqualTo("budget_exceeded");
            });
            assertThat(errors.getFirst().path("custom_id").asText()).isEqualTo("r" + ok);
        }
    }

    @Test
    void aBatchUnderADataClassNeverReachesATargetTheClassForbids() {
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.fromYamlWithConfig("""
                     providers:
                       cnapi: { type: openai, base_url: %s, vendor: deepseek, jurisdiction: CN, trust: public }
                     routing:
                       data_classes:
                         confidential: { allow_trust: [ self-hosted ] }
                     models:
                       - name: m
                         targets: [ cnapi/v3 ]
                     """.formatted(up.baseUrl()), (vx, cfg) -> List.of(BatchModule.open(vx, cfg, FAST,
                     Clock.systemUTC())))) {
            BatchClient client = new BatchClient(gw.base(), null);

            JsonNode created = client.start(BatchClient.lines("m", 3, 10), "x-freeport-data-class", "confidential");
            JsonNode done = client.awaitEnd(created.path("id").asText());

            assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(3);
            assertThat(up.requests()).isEmpty();
            assertThat(client.file(done.path("error_file_id").asText())).allSatisfy(e ->
                    assertThat(e.at("/response/body/error/message").asText()).contains("confidential"));
        }
    }

    @Test
    void cancellingStopsTheRequestsNotSentYetAndEndsTheBatchCancelled() {
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("m", "up/gpt")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(1, 60), Clock.systemUTC()))
                     .start()) {
            BatchClient client = new BatchClient(gw.base(), null);
            JsonNode created = client.start(BatchClient.lines("m", 5, 10));
            String id = created.path("id").asText();
            while (client.batch(id).at("/request_counts/completed").asInt() < 1) {
                BatchClient.sleep(20);
            }

            JsonNode cancelling = TestGateway.json(client.post("/v1/batches/" + id + "/cancel", "").body());
            JsonNode done = client.awaitEnd(id);

            assertThat(cancelling.path("status").asText()).isIn("cancelling", "cancelled");
            assertThat(done.path("status").asText()).isEqualTo("cancelled");
            assertThat(done.path("cancelled_at").isNumber()).isTrue();
            int sent = up.requests().size();
            assertThat(sent).isLessThan(5);
            assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(sent);
            assertThat(client.file(done.path("error_file_id").asText())).hasSize(5 - sent)
                    .allSatisfy(e -> assertThat(e.at("/error/code").asText()).isEqualTo("batch_cancelled"));
            BatchClient.sleep(1500);
            assertThat(up.requests()).hasSize(sent);
        }
    }

    @Test
    void anEmbeddingsBatchAnswersEachLineWithItsEmbeddings() {
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("emb", "up/text-embedding-3-small")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, FAST, Clock.systemUTC())).start()) {
            BatchClient client = new BatchClient(gw.base(), null);
            String file = TestGateway.json(client.upload(String.join("\n",
                    "{\"custom_id\":\"e1\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"emb\","
                            + "\"input\":\"hello\"}}",
                    "{\"custom_id\":\"e2\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"emb\","
                            + "\"input\":[\"a\",\"b\"]}}"), "batch").body()).path("id").asText();
            JsonNode created = TestGateway.json(client.post("/v1/batches", "{\"input_file_id\":\"" + file
                    + "\",\"endpoint\":\"/v1/embeddings\",\"completion_window\":\"24h\"}").body());

            JsonNode done = client.awaitEnd(created.path("id").asText());

            assertThat(done.path("endpoint").asText()).isEqualTo("/v1/embeddings");
            List<JsonNode> out = client.file(done.path("output_file_id").asText());
            assertThat(out).extracting(l -> l.path("custom_id").asText()).containsExactly("e1", "e2");
            assertThat(out.get(1).at("/response/body/data")).hasSize(2);
            assertThat(up.requests()).allSatisfy(r -> assertThat(r.path()).endsWith("/embeddings"));
        }
    }

    /** A clock tests move forward. */
    static final class Moving extends java.time.Clock {
        final java.util.concurrent.atomic.AtomicLong offset = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plusMillis(offset.get());
        }
    }

    @Test
    void requestsNotSentWhenTheCompletionWindowEndsExpire() {
        Moving clock = new Moving();
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("m", "up/gpt")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(1, 1), clock)).start()) {
            BatchClient client = new BatchClient(gw.base(), null);
            String id = client.start(BatchClient.lines("m", 3, 10)).path("id").asText();
            while (client.batch(id).at("/request_counts/completed").asInt() < 1) {
                BatchClient.sleep(10);
            }

            clock.offset.set(java.time.Duration.ofHours(25).toMillis());
            JsonNode done = client.awaitEnd(id);

            assertThat(done.path("status").asText()).isEqualTo("expired");
            assertThat(done.path("expired_at").isNumber()).isTrue();
            assertThat(up.requests()).hasSize(1);
            assertThat(client.file(done.path("error_file_id").asText())).hasSize(2)
                    .allSatisfy(e -> assertThat(e.at("/error/code").asText()).isEqualTo("batch_expired"));
        }
    }

    @Test
    void aBatchLargerThanOnePageOfTheStoreSendsEveryRequestOnce() {
        int n = Runner.PAGE * 2 + 7;
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("m", "up/gpt")
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(16, 1_000_000), Clock.systemUTC()))
                     .start()) {
            BatchClient client = new BatchClient(gw.base(), null);

            JsonNode done = client.awaitEnd(client.start(BatchClient.lines("m", n, 5)).path("id").asText());

            assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(n);
            assertThat(up.requests()).hasSize(n);
            assertThat(client.file(done.path("output_file_id").asText())).extracting(l -> l.path("custom_id").asText())
                    .doesNotHaveDuplicates().hasSize(n);
        }
    }
}
