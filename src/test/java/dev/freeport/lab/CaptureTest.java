package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.StoreConfig;
import dev.freeport.json.Json;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Capture of an alias's answered requests: kept with their answers, within its size, total and data-class rules. */
class CaptureTest {
    FakeUpstream inc = FakeUpstream.start();
    TestGateway gw;
    final AtomicReference<LabModule> lab = new AtomicReference<>();

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        inc.close();
    }

    void start(String capture) {
        inc.setDefault(Reply.ok("incumbent answer").usage(20, 10));
        gw = TestGateway.fromYamlWithConfig("providers:\n"
                + "  inc: { type: openai, base_url: " + inc.baseUrl() + " }\n"
                + """
                routing:
                  data_classes:
                    secret: { capture: false }
                models:
                  - name: coder
                    targets: [ inc/big ]
                    capture: %s
                """.formatted(capture), (vx, cfg) -> {
            lab.set(LabModule.open(vx, cfg));
            return List.of(lab.get());
        });
    }

    static String ask(String prompt) {
        return "{\"model\":\"coder\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    JsonNode counts() {
        return TestGateway.json(gw.get("/admin/migrate/shadow").body()).path("capture").path("coder");
    }

    void awaitHandled(int n) {
        ShadowTrafficTest.eventually(() -> {
            JsonNode c = counts();
            int sum = 0;
            for (JsonNode v : c) {
                sum += v.asInt();
            }
            return sum == n;
        });
    }

    @Test
    void aCapturedRequestIsKeptWithItsAnswer() {
        start("{ sample: 1 }");

        assertThat(gw.post("/v1/chat/completions", ask("keep me")).statusCode()).isEqualTo(200);

        ShadowTrafficTest.eventually(() -> lab.get().store().samples("coder", 0).size() == 1);
        LabSample s = lab.get().store().samples("coder", 0).getFirst();
        assertThat(s.source()).isEqualTo("capture");
        assertThat(s.request().at("/messages/0/content").asText()).isEqualTo("keep me");
        assertThat(s.primary().body().at("/choices/0/message/content").asText()).isEqualTo("incumbent answer");
        assertThat(s.primary().inputTokens()).isEqualTo(20);
    }

    @Test
    void aRequestOfADataClassThatForbidsCaptureIsNeverKept() {
        start("{ sample: 1 }");

        assertThat(gw.post("/v1/chat/completions", ask("secret stuff"), "x-freeport-data-class", "secret")
                .statusCode()).isEqualTo(200);

        awaitHandled(1);
        assertThat(counts().path("forbidden_by_data_class").asInt()).isEqualTo(1);
        assertThat(lab.get().store().samples("coder", 0)).isEmpty();
    }

    @Test
    void aRequestLargerThanMaxSizeIsNotKept() {
        start("{ sample: 1, max_size: 1KiB }");

        assertThat(gw.post("/v1/chat/completions", ask("x".repeat(2000))).statusCode()).isEqualTo(200);

        awaitHandled(1);
        assertThat(counts().path("too_large").asInt()).isEqualTo(1);
        assertThat(lab.get().store().samples("coder", 0)).isEmpty();
    }

    @Test
    void noMoreThanMaxTotalRequestsAreKept() {
        start("{ sample: 1, max_total: 2 }");

        for (int i = 0; i < 4; i++) {
            assertThat(gw.post("/v1/chat/completions", ask("prompt " + i)).statusCode()).isEqualTo(200);
            awaitHandled(i + 1);
        }

        assertThat(lab.get().store().samples("coder", 0)).hasSize(2);
        assertThat(counts().path("over_max_total").asInt()).isEqualTo(2);
    }

    @Test
    void aPurgeDeletesCapturedRequestsPastTheRetentionWithTheirResults(@TempDir Path dir) {
        try (LabStore store = LabStore.open(StoreConfig.EMBEDDED, dir)) {
            for (long t : new long[]{1_000, 5_000}) {
                store.putSample(new LabSample("s" + t, "coder", "capture", t, null, null, null,
                        Json.NODES.objectNode(), null));
                store.putResult(new LabResult("s" + t, "coder", "cheap", "replay", t,
                        LabAnswer.refused("test")));
            }

            assertThat(store.purge("coder", "capture", 2_000)).isEqualTo(1);

            assertThat(store.samples("coder", 0)).extracting(LabSample::id).containsExactly("s5000");
            assertThat(store.results("coder", 0)).extracting(LabResult::sampleId).containsExactly("s5000");
        }
    }
}
