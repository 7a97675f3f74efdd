package dev.freeport.route;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas over one PostgreSQL ledger share their concentration windows: traffic one replica sent to a vendor
 * counts against the cap on the other, which has served nothing itself.
 */
class SharedConcentrationTest {

    @Test
    void aReplicaSeesTheOtherReplicasTrafficAgainstTheCap() throws Exception {
        try (PostgresServer pg = PostgresServer.start(); FakeUpstream cn = FakeUpstream.start();
             FakeUpstream us = FakeUpstream.start()) {
            String yaml = "store: { type: postgres, url: \"" + pg.newDatabase() + "\", user: " + pg.user() + " }\n"
                    + "providers:\n"
                    + "  cnapi: { type: openai, base_url: " + cn.baseUrl() + ", vendor: deepseek }\n"
                    + "  usapi: { type: openai, base_url: " + us.baseUrl() + ", vendor: openai }\n"
                    + "models:\n  - name: m\n    targets: [ cnapi/v3, usapi/gpt ]\n"
                    + "routing:\n  concentration_caps:\n"
                    + "    - { vendor: deepseek, max_share: 0.5, measure: tokens, window: 1h, min_requests: 4 }\n";
            try (TestGateway a = TestGateway.fromYaml(yaml, v -> List.of());
                 TestGateway b = TestGateway.fromYaml(yaml, v -> List.of())) {
                for (int i = 0; i < 4; i++) {
                    assertThat(provider(a)).isEqualTo("cnapi");
                }
                a.awaitEvents(4); // in the shared database
                Thread.sleep(2000 + 700);
                // b has served nothing itself: only a's traffic can put deepseek past the cap there
                assertThat(provider(b)).as("replica b moves deepseek traffic away").isEqualTo("usapi");
                assertThat(b.awaitEvents(5)).anySatisfy(e -> assertThat(e.facts().decision())
                        .contains("concentration cap: vendor deepseek at"));
            }
        }
    }

    private static String provider(TestGateway gw) {
        HttpResponse<String> r = gw.post("/v1/chat/completions", RoutingStrategiesTest.ASK);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-freeport-provider").orElseThrow();
    }
}
