package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.responses.JdbcResponseStore;
import dev.freeport.responses.ResponseStore;
import dev.freeport.responses.ResponseStoreSettings;
import dev.freeport.responses.StoredResponse;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static dev.freeport.front.responses.ResponsesHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a response is kept: after its answer, on a worker, never failing or delaying the request, and readable by the
 * next request at once even while its write is still running.
 */
class KeepingResponsesTest {
    private static final String KEY = "sk-keeping";

    @TempDir
    Path dir;

    /** A real SQLite store whose writes go through {@code put} first (slowed down, failing...). */
    private record Wrapped(ResponseStore real, Function<StoredResponse, Boolean> put) implements ResponseStore {
        @Override
        public boolean put(StoredResponse r) {
            return put.apply(r);
        }

        @Override
        public Optional<ObjectNode> response(String id, String owner) {
            return real.response(id, owner);
        }

        @Override
        public Optional<ArrayNode> conversation(String id, String owner) {
            return real.conversation(id, owner);
        }

        @Override
        public boolean delete(String id, String owner) {
            return real.delete(id, owner);
        }

        @Override
        public int purgeExpired() {
            return real.purgeExpired();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private TestGateway gateway(FakeUpstream up, ResponseStore store) {
        return TestGateway.builder().masterKey(KEY).openai("up", up.baseUrl()).alias("m", "up/model-1")
                .modules(vx -> List.of(ResponsesModule.open(vx, store, Clock.systemUTC()))).start();
    }

    private JdbcResponseStore sqlite(int maxEntryBytes) {
        return JdbcResponseStore.sqlite(dir, new ResponseStoreSettings(Duration.ofDays(1), maxEntryBytes),
                Clock.systemUTC());
    }

    private static HttpResponse<String> create(TestGateway gw, ObjectNode body) {
        return gw.post("/v1/responses", body.toString(), "authorization", "Bearer " + KEY);
    }

    @Test
    void aResponseCanBeContinuedAtOnceWhileItsWriteIsStillRunning() {
        JdbcResponseStore real = sqlite(1 << 20);
        ResponseStore slow = new Wrapped(real, r -> {
            sleep(700);
            return real.put(r);
        });
        try (FakeUpstream up = FakeUpstream.start(); TestGateway gw = gateway(up, slow)) {
            up.enqueue(Reply.ok("first answer"), Reply.ok("second answer"));
            long t0 = System.nanoTime();
            HttpResponse<String> first = create(gw, request("m", "one"));
            long answeredMillis = (System.nanoTime() - t0) / 1_000_000;
            String id = TestGateway.json(first.body()).path("id").asText();

            HttpResponse<String> second = create(gw, request("m", "two").put("previous_response_id", id));

            assertThat(answeredMillis).as("the answer did not wait for the slow write").isLessThan(600);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(up.requests().get(1).rawBody()).contains("first answer");
        }
    }

    @Test
    void aStoreThatFailsNeverFailsTheRequest() {
        JdbcResponseStore real = sqlite(1 << 20);
        ResponseStore broken = new Wrapped(real, r -> {
            throw new IllegalStateException("response store write failed: disk full");
        });
        try (FakeUpstream up = FakeUpstream.start(); TestGateway gw = gateway(up, broken)) {
            up.enqueue(Reply.ok("still answered"));

            HttpResponse<String> r = create(gw, request("m", "hi"));

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestGateway.json(r.body()).path("output_text").asText()).isEqualTo("still answered");
            String id = TestGateway.json(r.body()).path("id").asText();
            assertThat(gw.get("/v1/responses/" + id, "authorization", "Bearer " + KEY).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aResponseOverTheSizeCapIsAnsweredButNotKept() {
        try (FakeUpstream up = FakeUpstream.start(); TestGateway gw = gateway(up, sqlite(1024))) {
            StringBuilder big = new StringBuilder();
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 3000; i++) {
                big.append(Integer.toString(random.nextInt(1 << 30), 36)).append(' ');
            }
            up.enqueue(Reply.ok(big.toString().strip()));

            HttpResponse<String> r = create(gw, request("m", "write a lot"));

            assertThat(r.statusCode()).isEqualTo(200);
            String id = TestGateway.json(r.body()).path("id").asText();
            assertThat(gw.get("/v1/responses/" + id, "authorization", "Bearer " + KEY).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void withTheStoreSwitchedOffNothingIsKept() {
        try (FakeUpstream up = FakeUpstream.start(); TestGateway gw = gateway(up, null)) {
            up.enqueue(Reply.ok("answer"));
            String id = TestGateway.json(create(gw, request("m", "hi")).body()).path("id").asText();

            HttpResponse<String> next = create(gw, request("m", "more").put("previous_response_id", id));

            assertThat(next.statusCode()).isEqualTo(400);
            assertThat(gw.get("/v1/responses/" + id, "authorization", "Bearer " + KEY).statusCode()).isEqualTo(404);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
