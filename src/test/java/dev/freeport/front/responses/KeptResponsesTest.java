package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.responses.JdbcResponseStore;
import dev.freeport.responses.ResponseStoreSettings;
import dev.freeport.responses.StoredResponse;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound on writes waiting for the response store. */
class KeptResponsesTest {
    @TempDir
    Path dir;

    private static StoredResponse entry(String id) {
        ObjectNode response = Json.NODES.objectNode().put("id", id).put("status", "completed");
        return StoredResponse.of(response, Json.NODES.arrayNode(), "owner", Instant.now());
    }

    @Test
    void pastTheBoundOfWaitingWritesAResponseIsNotKept() throws Exception {
        Vertx vertx = Vertx.vertx();
        WorkerExecutor one = vertx.createSharedWorkerExecutor("kept-test", 1);
        CountDownLatch release = new CountDownLatch(1);
        try (JdbcResponseStore store = JdbcResponseStore.sqlite(dir, new ResponseStoreSettings(Duration.ofDays(1),
                1 << 20), Clock.systemUTC())) {
            KeptResponses kept = new KeptResponses(vertx, store, one, 2);
            one.executeBlocking(() -> release.await(10, TimeUnit.SECONDS), false);   // the store's thread is busy

            kept.put("resp_1", () -> entry("resp_1"));
            kept.put("resp_2", () -> entry("resp_2"));
            kept.put("resp_3", () -> entry("resp_3"));
            release.countDown();

            assertThat(kept.notKept()).isEqualTo(1);
            assertThat(kept.response("resp_2", "owner").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(kept.response("resp_3", "owner").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).isEmpty();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
