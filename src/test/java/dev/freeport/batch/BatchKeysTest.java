package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.BatchConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch of a virtual key runs as that key, as the key stands at each request: a revoked key sends no more. */
class BatchKeysTest {
    static final String ADMIN = "admin-secret-key";

    @Test
    void aBatchRunsAsItsVirtualKeyAndStopsSendingWhenTheKeyIsRevoked() {
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("m", "up/gpt")
                     .adminKey(ADMIN).requireKeys().keys()
                     .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(1, 120), Clock.systemUTC()))
                     .start()) {
            JsonNode key = TestGateway.json(gw.call("POST", "/admin/keys", "{\"name\":\"jobs\"}", "authorization",
                    "Bearer " + ADMIN).body());
            BatchClient client = new BatchClient(gw.base(), key.path("secret").asText());
            String id = client.start(BatchClient.lines("m", 6, 10)).path("id").asText();
            while (client.batch(id).at("/request_counts/completed").asInt() < 1) {
                BatchClient.sleep(10);
            }

            assertThat(gw.call("DELETE", "/admin/keys/" + key.path("id").asText(), null, "authorization",
                    "Bearer " + ADMIN).statusCode()).isEqualTo(200);
            int sent = up.requests().size();
            BatchClient.sleep(3500); // long enough for the remaining requests at 2 per second

            assertThat(up.requests().size()).isLessThanOrEqualTo(sent + 1); // at most the one already started
            List<UsageEvent> events = gw.events();
            assertThat(events).filteredOn(e -> e.status() == UsageEvent.Status.OK).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.caller()).isEqualTo(key.path("prefix").asText()));
            assertThat(events).filteredOn(e -> e.httpStatus() == 401).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.errorMessage()).contains("revoked"));
        }
    }
}
