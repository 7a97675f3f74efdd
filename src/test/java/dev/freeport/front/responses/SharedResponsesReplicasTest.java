package dev.freeport.front.responses;

import dev.freeport.config.StoreConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.PostgresServer;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.freeport.front.responses.ResponsesHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways (replicas) with one PostgreSQL store: a response kept by one is continued from and read on the
 * other, as behind a load balancer.
 */
class SharedResponsesReplicasTest {
    private static final String KEY = "sk-replicas";

    private static TestGateway replica(FakeUpstream up, StoreConfig store) {
        return TestGateway.builder().masterKey(KEY).openai("up", up.baseUrl()).alias("m", "up/model-1")
                .store(store).responses().start();
    }

    @Test
    void aResponseKeptByOneReplicaIsContinuedOnTheOther() throws Exception {
        try (PostgresServer server = PostgresServer.start(); FakeUpstream up = FakeUpstream.start()) {
            StoreConfig store = new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null,
                    4);
            try (TestGateway a = replica(up, store); TestGateway b = replica(up, store)) {
                up.enqueue(Reply.ok("Kept on replica a."), Reply.ok("Continued on replica b."));
                HttpResponse<String> first = a.post("/v1/responses", request("m", "hello").toString(),
                        "authorization", "Bearer " + KEY);
                String id = TestGateway.json(first.body()).path("id").asText();

                HttpResponse<String> got = null;
                for (int i = 0; i < 50; i++) {   // the write lands a few milliseconds after a's answer
                    got = b.get("/v1/responses/" + id, "authorization", "Bearer " + KEY);
                    if (got.statusCode() == 200) {
                        break;
                    }
                    Thread.sleep(20);
                }
                HttpResponse<String> second = b.post("/v1/responses", request("m", "and?")
                        .put("previous_response_id", id).toString(), "authorization", "Bearer " + KEY);

                assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
                assertThat(TestGateway.json(got.body()).path("output_text").asText()).isEqualTo("Kept on replica a.");
                assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
                assertThat(up.requests().get(1).rawBody()).contains("Kept on replica a.");
            }
        }
    }
}
