package dev.freeport.observe;

import dev.freeport.batch.BatchModule;
import dev.freeport.config.BatchConfig;
import dev.freeport.testing.FakeBatchApi;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static dev.freeport.observe.OtlpReceiver.attributes;
import static org.assertj.core.api.Assertions.assertThat;

/** A request handed to a back end's batch API ends its trace there: its server span is exported, "handed over". */
class HandoverTracingTest {

    @Test
    void aHandedOverRequestsServerSpanEndsWithAHandedOverEvent() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver(); FakeBatchApi api = FakeBatchApi.start().polls(1_000_000);
             ObservedGateway gw = ObservedGateway.start("""
                     providers:
                       anthropic: { type: anthropic, base_url: %s, api_key: sk-up, batch: native }
                     models:
                       - name: m
                         targets: [ anthropic/claude-opus-4-5 ]
                     tracing: { endpoint: "%s" }
                     """.formatted(api.baseUrl(), receiver.endpoint()),
                     (vx, cfg) -> List.of(BatchModule.open(vx, cfg, new BatchConfig(2, 60, Duration.ofMillis(50)),
                             Clock.systemUTC())), null)) {
            assertThat(gw.post("/v1/messages/batches", "{\"requests\":[{\"custom_id\":\"r0\",\"params\":{\"model\":"
                    + "\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}]}",
                    "anthropic-version", "2023-06-01").statusCode()).isEqualTo(200);

            List<Span> spans = receiver.await(1);

            Span server = spans.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst()
                    .orElseThrow(() -> new AssertionError("no server span was exported: " + spans));
            assertThat(attributes(server)).containsEntry("freeport.status", "handed_over")
                    .containsEntry("freeport.provider", "anthropic").containsEntry("freeport.alias", "m")
                    .containsKey("freeport.request_id");
            assertThat(server.getEventsList()).extracting(Span.Event::getName).containsExactly("handed over");
            assertThat(server.getStatus().getCode().name()).isNotEqualTo("STATUS_CODE_ERROR");
        }
    }
}
