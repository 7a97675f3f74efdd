package dev.freeport.server;

import dev.freeport.config.SandboxModelConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.ledger.UsageSummary;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateways (two replicas, two data dirs) with one PostgreSQL ledger database. */
class SharedLedgerGatewayTest {

    private static TestGateway replica(StoreConfig store) {
        return TestGateway.builder()
                .sandbox("sandbox", Map.of("sim", new SandboxModelConfig(0, 0, 16, 0, 0, 0, 8, 1)))
                .alias("sim", "sandbox/sim")
                .store(store)
                .start();
    }

    private static List<String> ask(TestGateway gw, int n, String who) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = gw.post("/v1/chat/completions", """
                    {"model":"sim","messages":[{"role":"user","content":"hello %s %d"}]}""".formatted(who, i));
            assertThat(r.statusCode()).isEqualTo(200);
            ids.add(r.headers().firstValue("x-freeport-request-id").orElseThrow());
        }
        return ids;
    }

    @Test
    void eventsOfBothReplicasAreInTheSharedDatabaseOnce() {
        try (PostgresServer server = PostgresServer.start()) {
            StoreConfig store = new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null,
                    4);
            List<String> ids = new ArrayList<>();
            try (TestGateway a = replica(store); TestGateway b = replica(store)) {
                assertThat(a.dataDir()).isNotEqualTo(b.dataDir());
                ids.addAll(ask(a, 7, "a"));
                ids.addAll(ask(b, 5, "b"));
                a.awaitEvents(7);
                b.awaitEvents(12);
                List<UsageEvent> seenByA = a.awaitEvents(12);
                assertThat(seenByA).extracting(UsageEvent::id).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(b.events()).extracting(UsageEvent::id).containsExactlyInAnyOrderElementsOf(ids);
            }
            UsageSummary total = UsageSummary.load(null, store, Instant.EPOCH, UsageSummary.GroupBy.ALIAS);
            assertThat(total.rows()).singleElement().extracting(UsageSummary.Row::key, UsageSummary.Row::requests,
                    UsageSummary.Row::ok).containsExactly("sim", 12L, 12L);
        }
    }
}
