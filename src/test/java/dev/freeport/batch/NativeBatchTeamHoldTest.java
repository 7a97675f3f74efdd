package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.access.AccessModule;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.Ledger;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.server.Gateway;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeBatchApi;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native batch request's hold is charged to the team its key had at the hand-over (the batch store's hold row keeps
 * that team), so it is given back to that team, also when the key moved to another team meanwhile.
 */
class NativeBatchTeamHoldTest {

    private static final String ADMIN = "sk-team-hold-admin";
    private static final String TEAM_BUDGET = "{\"amount_usd\":0.14,\"period\":\"total\",\"hard\":true}";

    @Test
    void aCancelledBatchGivesItsHoldBackToTheTeamTheKeyHadAtTheHandOver() throws Exception {
        Path dir = Files.createTempDirectory("freeport-team-hold");
        AtomicReference<AccessModule> access = new AtomicReference<>();
        try (FakeBatchApi api = FakeBatchApi.start().polls(1_000_000)) {
            FreeportConfig cfg = TestGateway.builder().masterKey(ADMIN)
                    .nativeBatches("openai", "openai", api.baseUrl()).alias("m", "openai/gpt-6-sol").config(dir);
            Ledger ledger = JournaledLedger.open(cfg.ledger(), cfg.store());
            try (Gateway gw = Gateway.start(cfg, null, ledger, vx -> modules(vx, cfg, ledger, access))) {
                var keys = access.get().service();
                keys.createTeam(TestGateway.json("{\"name\":\"before\",\"budget\":" + TEAM_BUDGET + "}"));
                keys.createTeam(TestGateway.json("{\"name\":\"after\",\"budget\":" + TEAM_BUDGET + "}"));
                var issued = keys.createKey(TestGateway.json("{\"name\":\"mover\",\"team\":\"before\"}"));
                String keyId = issued.key().id();
                awaitTeam(access.get(), keyId, "before");
                String base = "http://127.0.0.1:" + gw.port();
                BatchClient client = new BatchClient(base, issued.secret());
                BatchClient admin = new BatchClient(base, ADMIN);
                String batch = client.start(BatchClient.lines("m", 1, 10_000)).path("id").asText();
                awaitHeld(admin, "before");
                long held = spent(admin, "before");
                assertThat(held).isPositive();

                keys.updateKey(keyId, TestGateway.json("{\"team\":\"after\"}"));
                awaitTeam(access.get(), keyId, "after");
                client.post("/v1/batches/" + batch + "/cancel", "{}");
                long cancelBy = System.nanoTime() + 10_000_000_000L;
                while (api.cancels() == 0 && System.nanoTime() < cancelBy) {
                    BatchClient.sleep(20);
                }
                api.polls(0); // the provider batch ends now: cancelled
                assertThat(client.awaitEnd(batch).path("status").asText()).isEqualTo("cancelled");

                long until = System.nanoTime() + 5_000_000_000L;
                while (spent(admin, "before") != 0 && System.nanoTime() < until) {
                    BatchClient.sleep(20);
                }
                assertThat(spent(admin, "before")).as("the team that held it").isZero();
                assertThat(spent(admin, "after")).as("the key's team now").isZero();
            }
        }
    }

    private static List<Module> modules(io.vertx.core.Vertx vx, FreeportConfig cfg, Ledger ledger,
                                        AtomicReference<AccessModule> access) {
        access.set(AccessModule.open(vx, cfg));
        LimitsModule limits = LimitsModule.create(vx, cfg, ledger);
        BatchModule batches = BatchModule.open(vx, cfg, NativeBatchTest.QUICK, Clock.systemUTC());
        limits.countHeld(batches::heldNanos);
        return List.of(access.get(), limits, batches);
    }

    private static void awaitTeam(AccessModule access, String keyId, String team) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            var e = access.snapshot().byId(keyId);
            if (e != null && team.equals(e.principal().team())) {
                return;
            }
            BatchClient.sleep(20);
        }
        throw new AssertionError("the key never reached team " + team);
    }

    private static void awaitHeld(BatchClient admin, String team) {
        long until = System.nanoTime() + 15_000_000_000L;
        while (spent(admin, team) == 0 && System.nanoTime() < until) {
            BatchClient.sleep(20);
        }
    }

    /** What the team's total budget counter holds as spent (the hold is spent from the hand-over on). */
    private static long spent(BatchClient admin, String team) {
        var r = admin.get("/admin/limits/budgets?lines=team:" + team + ":total");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode line = TestGateway.json(r.body()).path("data").path(0);
        return line.path("spent_nanos").asLong();
    }
}
