package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.BatchConfig;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch in progress when the gateway stops resumes when it starts again, sending nothing that has an answer. */
class BatchRestartTest {

    private static Gateway start(FreeportConfig cfg) {
        return Gateway.start(cfg, null, JournaledLedger.open(cfg.ledger(), cfg.store()),
                vx -> List.of(BatchModule.open(vx, cfg, new BatchConfig(1, 300), Clock.systemUTC())));
    }

    @Test
    void aBatchInProgressResumesAfterARestartWithoutSendingAnsweredRequestsAgain() throws Exception {
        Path dir = Files.createTempDirectory("freeport-batch-restart");
        try (FakeUpstream up = FakeUpstream.start()) {
            FreeportConfig cfg = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("m", "up/gpt").config(dir);
            String id;
            int answeredBefore;
            try (Gateway first = start(cfg)) {
                BatchClient client = new BatchClient("http://127.0.0.1:" + first.port(), null);
                id = client.start(BatchClient.lines("m", 6, 10)).path("id").asText();
                while (client.batch(id).at("/request_counts/completed").asInt() < 2) {
                    BatchClient.sleep(10);
                }
            }
            answeredBefore = up.requests().size();
            assertThat(answeredBefore).isLessThan(6);

            try (Gateway second = start(cfg)) {
                BatchClient client = new BatchClient("http://127.0.0.1:" + second.port(), null);
                JsonNode done = client.awaitEnd(id);

                assertThat(done.path("status").asText()).isEqualTo("completed");
                assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(6);
                Map<String, Long> sent = up.requests().stream().map(RecordedRequest::rawBody)
                        .map(b -> b.replaceAll("(?s).*(prompt \\d).*", "$1"))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(sent).hasSize(6);
                // at most the one request in flight at the stop is sent twice; every answered one exactly once
                assertThat(sent.values().stream().filter(n -> n > 1).count()).isLessThanOrEqualTo(1);
                assertThat(up.requests().size()).isLessThanOrEqualTo(7);
                assertThat(client.file(done.path("output_file_id").asText())).extracting(l -> l.path("custom_id")
                        .asText()).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
            }
        }
    }
}
