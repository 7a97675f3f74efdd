package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.Ledger;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.server.Gateway;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBatchApi;
import dev.freeport.testing.OneKey;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native batch's requests hold their estimate (prompt + output cap at the batch price) against the key's budget
 * from the hand-over until their answers come: a second batch cannot pass the budget meanwhile, a restart keeps the
 * hold (the batch store's holds are read into the budget's starting spend), and a cancelled batch, or a hand-over the
 * store could not keep, gives it back.
 */
class NativeBatchHoldTest {
    /**
     * A hard total budget of $0.14. A line of 10,000 output tokens at gpt-6-sol's $10/M reserves about $0.10 at the
     * standard price and holds about $0.05 at the batch price once handed over: one fits, a second must not.
     */
    private static final Principal KEY = new Principal("key-hold", "fp-hold", null, List.of(), Set.of(), Limits.NONE,
            new Budget(140_000_000L, Budget.Period.TOTAL, true, List.of()), Limits.NONE, null);
    private static final int MAX_TOKENS = 10_000;
    private static final String ADMIN = "sk-hold-admin";

    /** As {@code serve} wires them: budgets from the ledger and the batch store's holds, the batch module. */
    private static List<Module> modules(Vertx vx, FreeportConfig cfg, Ledger ledger) {
        LimitsModule limits = LimitsModule.create(vx, cfg, ledger);
        BatchModule batches = BatchModule.open(vx, cfg, NativeBatchTest.QUICK, Clock.systemUTC());
        limits.countHeld(batches::heldNanos);
        return List.of(OneKey.module("sk-hold", KEY), limits, batches);
    }

    private static Gateway start(FreeportConfig cfg) {
        Ledger ledger = JournaledLedger.open(cfg.ledger(), cfg.store());
        return Gateway.start(cfg, null, ledger, vx -> modules(vx, cfg, ledger));
    }

    private static FreeportConfig config(FakeBatchApi api, Path dir) {
        return TestGateway.builder().nativeBatches("openai", "openai", api.baseUrl()).alias("m", "openai/gpt-6-sol")
                .config(dir);
    }

    private static void awaitCreates(FakeBatchApi api, int n) {
        long until = System.nanoTime() + 15_000_000_000L;
        while (api.creates() < n && System.nanoTime() < until) {
            BatchClient.sleep(20);
        }
        assertThat(api.creates()).isEqualTo(n);
    }

    private static void assertRefusedForBudget(BatchClient client, JsonNode batch) {
        JsonNode done = client.awaitEnd(batch.path("id").asText());
        assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(1);
        assertThat(client.file(done.path("error_file_id").asText())).singleElement().satisfies(e ->
                assertThat(e.at("/response/body/error/code").asText()).isEqualTo("budget_exceeded"));
    }

    @Test
    void aSecondNativeBatchIsRefusedWhileTheFirstOnesEstimateIsHeld() throws Exception {
        Path dir = Files.createTempDirectory("freeport-hold");
        try (FakeBatchApi api = FakeBatchApi.start().polls(1_000_000); Gateway gw = start(config(api, dir))) {
            BatchClient client = new BatchClient("http://127.0.0.1:" + gw.port(), "sk-hold");
            client.start(BatchClient.lines("m", 1, MAX_TOKENS));
            awaitCreates(api, 1);

            JsonNode second = client.start(BatchClient.lines("m", 1, MAX_TOKENS));

            assertRefusedForBudget(client, second);
            assertThat(api.creates()).isEqualTo(1);
        }
    }

    @Test
    void aRestartBetweenHandOverAndResultsKeepsTheHold() throws Exception {
        Path dir = Files.createTempDirectory("freeport-hold-restart");
        try (FakeBatchApi api = FakeBatchApi.start().polls(1_000_000)) {
            FreeportConfig cfg = config(api, dir);
            try (Gateway first = start(cfg)) {
                new BatchClient("http://127.0.0.1:" + first.port(), "sk-hold")
                        .start(BatchClient.lines("m", 1, MAX_TOKENS));
                NativeBatchResumeTest.awaitCreates(api); // and its id stored
            }

            try (Gateway second = start(cfg)) {
                BatchClient client = new BatchClient("http://127.0.0.1:" + second.port(), "sk-hold");

                assertRefusedForBudget(client, client.start(BatchClient.lines("m", 1, MAX_TOKENS)));
                assertThat(api.creates()).isEqualTo(1);
            }
        }
    }

    @Test
    void aHandOverTheStoreCouldNotKeepGivesItsHoldBack() throws Exception {
        Path dir = Files.createTempDirectory("freeport-hold-unstored");
        try (FakeBatchApi api = FakeBatchApi.start().polls(1_000_000);
             Gateway gw = start(TestGateway.builder().masterKey(ADMIN)
                     .nativeBatches("openai", "openai", api.baseUrl()).alias("m", "openai/gpt-6-sol").config(dir))) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("batches.db"));
                 Statement st = c.createStatement()) { // the store refuses to keep any hand-over, as a full disk would
                st.execute("CREATE TRIGGER refuse_hand BEFORE UPDATE OF handed_provider ON batch_lines "
                        + "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
            }
            BatchClient client = new BatchClient("http://127.0.0.1:" + gw.port(), "sk-hold");
            String batch = client.start(BatchClient.lines("m", 1, MAX_TOKENS)).path("id").asText();
            BatchClient admin = new BatchClient("http://127.0.0.1:" + gw.port(), ADMIN);
            JsonNode done = client.awaitEnd(batch); // its one line was never handed: the batch ends without it
            assertThat(done.at("/request_counts/completed").asInt()).isZero();

            long settle = System.nanoTime() + 5_000_000_000L;
            while (keySpent(admin) != 0 && System.nanoTime() < settle) {
                BatchClient.sleep(20);
            }
            assertThat(keySpent(admin)).as("the key's budget holds nothing for an unstored hand-over").isZero();
            assertThat(api.creates()).isZero();
        }
    }

    private static long keySpent(BatchClient admin) {
        var r = admin.get("/admin/limits/budgets?lines=key:key-hold:total");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestGateway.json(r.body()).path("data").path(0).path("spent_nanos").asLong();
    }

    @Test
    void aCancelledNativeBatchGivesItsHoldBack() throws Exception {
        Path dir = Files.createTempDirectory("freeport-hold-cancel");
        try (FakeBatchApi api = FakeBatchApi.start().polls(40); Gateway gw = start(config(api, dir))) {
            BatchClient client = new BatchClient("http://127.0.0.1:" + gw.port(), "sk-hold");
            String first = client.start(BatchClient.lines("m", 1, MAX_TOKENS)).path("id").asText();
            awaitCreates(api, 1);
            client.post("/v1/batches/" + first + "/cancel", "{}");
            assertThat(client.awaitEnd(first).path("status").asText()).isEqualTo("cancelled");

            client.start(BatchClient.lines("m", 1, MAX_TOKENS));

            awaitCreates(api, 2);
        }
    }
}
