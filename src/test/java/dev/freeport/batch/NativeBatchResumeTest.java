package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBatchApi;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch handed to a back end's batch API across restarts and replicas: its provider batch is submitted once and
 * polled again after a restart; with several replicas on one PostgreSQL one of them runs it; the provider batch's
 * own ends (expired, failed) come back in the caller's format.
 */
class NativeBatchResumeTest {

    private static TestGateway.Builder nativeOpenAi(FakeBatchApi api) {
        return TestGateway.builder().nativeBatches("openai", "openai", api.baseUrl()).alias("m", "openai/gpt-6-sol")
                .module((vx, cfg) -> BatchModule.open(vx, cfg, NativeBatchTest.QUICK, Clock.systemUTC()));
    }

    private static Gateway start(FreeportConfig cfg) {
        return Gateway.start(cfg, null, JournaledLedger.open(cfg.ledger(), cfg.store()),
                vx -> List.of(BatchModule.open(vx, cfg, NativeBatchTest.QUICK, Clock.systemUTC())));
    }

    /**
     * Waits for the provider batch's create and its id stored: the first poll (upload, create, poll: 3 requests)
     * comes only after the gateway stored the id, so a restart after it must not submit again.
     */
    static void awaitCreates(FakeBatchApi api) {
        long until = System.nanoTime() + 15_000_000_000L;
        while ((api.creates() == 0 || api.requests() < 3) && System.nanoTime() < until) {
            BatchClient.sleep(20);
        }
        assertThat(api.creates()).isEqualTo(1);
    }

    @Test
    void aRestartMidBatchPollsTheSubmittedProviderBatchAgainWithoutSubmittingItTwice() throws Exception {
        Path dir = Files.createTempDirectory("freeport-native-restart");
        try (FakeBatchApi api = FakeBatchApi.start().polls(1_000_000)) {
            FreeportConfig cfg = nativeOpenAi(api).config(dir);
            String id;
            try (Gateway first = start(cfg)) {
                id = new BatchClient("http://127.0.0.1:" + first.port(), null).start(BatchClient.lines("m", 3, 10))
                        .path("id").asText();
                awaitCreates(api);
            }
            api.polls(0);

            try (Gateway second = start(cfg)) {
                JsonNode done = new BatchClient("http://127.0.0.1:" + second.port(), null).awaitEnd(id);

                assertThat(done.path("status").asText()).isEqualTo("completed");
                assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(3);
                assertThat(api.creates()).isEqualTo(1);
                assertThat(api.received()).hasSize(3);
            }
        }
    }

    @Test
    void twoGatewaysOnOnePostgresRunABatchOnce() {
        try (PostgresServer pg = PostgresServer.start(); FakeBatchApi api = FakeBatchApi.start().polls(1_000_000)) {
            StoreConfig store = new StoreConfig(StoreConfig.Kind.POSTGRES, pg.newDatabase(), pg.user(), null, 4);
            String id;
            try (TestGateway first = nativeOpenAi(api).store(store).start()) {
                id = new BatchClient(first.base(), null).start(BatchClient.lines("m", 3, 10)).path("id").asText();
                awaitCreates(api);
            }
            try (TestGateway a = nativeOpenAi(api).store(store).start();
                 TestGateway b = nativeOpenAi(api).store(store).start()) {
                api.polls(0);

                JsonNode done = new BatchClient(b.base(), null).awaitEnd(id);
                BatchClient.sleep(500); // a second run, if there were one, would read the answers too by now

                assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(3);
                assertThat(api.creates()).isEqualTo(1);
                assertThat(api.fetches()).isEqualTo(1);
            }
        }
    }

    @Test
    void aProviderBatchThatExpiresEndsItsRequestsAsExpired() {
        try (FakeBatchApi api = FakeBatchApi.start().polls(1).endAs("expired");
             TestGateway gw = nativeOpenAi(api).start()) {
            BatchClient client = new BatchClient(gw.base(), null);

            JsonNode done = client.awaitEnd(client.start(BatchClient.lines("m", 2, 10)).path("id").asText());

            List<JsonNode> errors = client.file(done.path("error_file_id").asText());
            assertThat(errors).hasSize(2).allSatisfy(e ->
                    assertThat(e.at("/error/code").asText()).isEqualTo("batch_expired"));
            assertThat(gw.events()).isEmpty();
        }
    }

    @Test
    void aProviderBatchThatFailsEndsEachRequestWithTheProvidersReason() {
        try (FakeBatchApi api = FakeBatchApi.start().polls(1).endAs("failed");
             TestGateway gw = nativeOpenAi(api).start()) {
            BatchClient client = new BatchClient(gw.base(), null);

            JsonNode done = client.awaitEnd(client.start(BatchClient.lines("m", 2, 10)).path("id").asText());

            assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(2);
            assertThat(client.file(done.path("error_file_id").asText())).hasSize(2).allSatisfy(e -> {
                assertThat(e.at("/response/status_code").asInt()).isEqualTo(502);
                assertThat(e.at("/response/body/error/message").asText()).contains("the fake failed the batch");
            });
        }
    }

    @Test
    void theCostsOfANativeBatchsAnswersAreChargedToTheKeysBudget() {
        dev.freeport.caller.Principal key = new dev.freeport.caller.Principal("key-small", "fp-small", null,
                List.of(), java.util.Set.of(), dev.freeport.caller.Limits.NONE, new dev.freeport.caller.Budget(
                10_000_000L, dev.freeport.caller.Budget.Period.TOTAL, true, List.of()),
                dev.freeport.caller.Limits.NONE, null);
        try (FakeBatchApi api = FakeBatchApi.start().polls(1);
             TestGateway gw = TestGateway.builder().nativeBatches("openai", "openai", api.baseUrl())
                     .alias("m", "openai/gpt-6-sol")
                     .module((vx, cfg) -> dev.freeport.testing.OneKey.module("sk-small", key))
                     .module(dev.freeport.limits.LimitsModule::create)
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, NativeBatchTest.QUICK, Clock.systemUTC()))
                     .start()) {
            BatchClient client = new BatchClient(gw.base(), "sk-small");
            // two answers at $0.006 each: $0.012 of the $0.01 budget
            JsonNode first = client.awaitEnd(client.start(BatchClient.lines("m", 2, 10)).path("id").asText());
            assertThat(first.at("/request_counts/completed").asInt()).isEqualTo(2);

            JsonNode second = client.awaitEnd(client.start(BatchClient.lines("m", 1, 10)).path("id").asText());

            assertThat(second.at("/request_counts/failed").asInt()).isEqualTo(1);
            assertThat(client.file(second.path("error_file_id").asText())).singleElement().satisfies(e ->
                    assertThat(e.at("/response/body/error/code").asText()).isEqualTo("budget_exceeded"));
            assertThat(api.creates()).isEqualTo(1);
        }
    }
}
