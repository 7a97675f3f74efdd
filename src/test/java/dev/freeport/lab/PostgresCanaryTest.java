package dev.freeport.lab;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.PostgresServer;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.freeport.lab.CanaryTest.admin;
import static org.assertj.core.api.Assertions.assertThat;

/** Two gateways on one real PostgreSQL: a canary written through one is applied by both. */
class PostgresCanaryTest {
    private static PostgresServer pg;

    @BeforeAll
    static void startDatabase() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        pg.close();
    }

    @Test
    void aCanaryWrittenThroughOneGatewayIsAppliedByTheOtherWithinASecondAndSoIsItsRollback() {
        try (FakeUpstream inc = FakeUpstream.start(); FakeUpstream cand = FakeUpstream.start()) {
            inc.setDefault(Reply.ok("incumbent answer"));
            cand.setDefault(Reply.ok("candidate answer"));
            String yaml = "store: { type: postgres, url: \"" + pg.newDatabase() + "\", user: " + pg.user() + " }\n"
                    + ShadowTrafficTest.config(inc, cand, "null");
            try (TestGateway one = CanaryTest.start(yaml); TestGateway two = CanaryTest.start(yaml)) {
                assertThat(servedBy(two)).isEqualTo("inc"); // warm: the first request of a gateway is slow
                admin(one, 200, "/admin/migrate/canary", "{\"alias\":\"coder\",\"to\":\"cheap\",\"share\":\"100%\"}");
                long written = System.nanoTime();

                ShadowTrafficTest.eventually(() -> servedBy(two).equals("cand"));
                long ms = (System.nanoTime() - written) / 1_000_000;

                System.out.println("the canary reached the second gateway in " + ms + " ms");
                assertThat(ms).isLessThan(1000);
                assertThat(admin(two, 200, "/admin/migrate/canary/coder", null).path("share_percent").asInt())
                        .isEqualTo(100);
                admin(one, 200, "/admin/migrate/canary/coder/rollback", "");
                ShadowTrafficTest.eventually(() -> servedBy(two).equals("inc"));
            }
        }
    }

    private static String servedBy(TestGateway gw) {
        var r = gw.post("/v1/chat/completions", CanaryTest.ASK);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-freeport-provider").orElseThrow();
    }
}
