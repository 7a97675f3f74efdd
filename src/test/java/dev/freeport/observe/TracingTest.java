package dev.freeport.observe;

import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.freeport.observe.OtlpReceiver.attributes;
import static dev.freeport.observe.OtlpReceiver.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces exported over OTLP/HTTP to a real receiver: a server span per request, a client span per upstream attempt,
 * the GenAI attributes, W3C trace context from the caller and to the upstream.
 */
class TracingTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";

    FakeUpstream a;
    FakeUpstream b;
    OtlpReceiver receiver;
    ObservedGateway gw;

    @BeforeEach
    void start() throws Exception {
        a = FakeUpstream.start();
        b = FakeUpstream.start();
        receiver = new OtlpReceiver();
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        receiver.close();
        a.close();
        b.close();
    }

    String yaml(String tracing) {
        return """
                providers:
                  pa: { type: openai, base_url: %s, api_key: k }
                  pb: { type: openai, base_url: %s, api_key: k }
                models:
                  - name: m
                    targets: [ { provider: pa, model: gpt-a }, { provider: pb, model: gpt-b } ]
                prices:
                  pb/gpt-b: { input: 1, output: 2 }
                router: { backoff: { initial: 1ms, max: 2ms } }
                """.formatted(a.baseUrl(), b.baseUrl()) + tracing;
    }

    String tracingTo(String more) {
        return "tracing: { endpoint: \"" + receiver.endpoint() + "\", headers: { x-collector-token: tok-1 }"
                + more + " }\n";
    }

    static Span one(List<Span> spans, Span.SpanKind kind, int index) {
        return spans.stream().filter(s -> s.getKind() == kind).skip(index).findFirst().orElseThrow();
    }

    @Test
    void aRequestHasAServerSpanAndAClientSpanPerAttemptWithGenAiAttributes() throws Exception {
        a.setDefault(Reply.status(503));
        gw = ObservedGateway.start(yaml(tracingTo("")));
        assertThat(gw.chat("m", false).statusCode()).isEqualTo(200);
        List<Span> spans = receiver.await(3);
        assertThat(spans).hasSize(3);
        Span server = one(spans, Span.SpanKind.SPAN_KIND_SERVER, 0);
        Map<String, String> s = attributes(server);
        assertThat(server.getName()).isEqualTo("chat m");
        assertThat(s).containsEntry("gen_ai.operation.name", "chat").containsEntry("gen_ai.request.model", "m")
                .containsEntry("gen_ai.response.model", "gpt-b").containsEntry("gen_ai.provider.name",
                        s.get("gen_ai.provider.name")).containsEntry("freeport.alias", "m")
                .containsEntry("freeport.attempts", "2").containsEntry("gen_ai.response.finish_reasons", "stop")
                .containsKey("gen_ai.usage.input_tokens").containsKey("gen_ai.usage.output_tokens")
                .containsKey("freeport.cost_usd");
        assertThat(Long.parseLong(s.get("freeport.cost_nanos"))).isGreaterThan(0);
        Span failed = one(spans, Span.SpanKind.SPAN_KIND_CLIENT, 0);
        Span served = one(spans, Span.SpanKind.SPAN_KIND_CLIENT, 1);
        assertThat(failed.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(served.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(attributes(failed)).containsEntry("error.type", "server_error")
                .containsEntry("http.response.status_code", "503").containsEntry("gen_ai.request.model", "gpt-a");
        assertThat(failed.getStatus().getCode().name()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(attributes(served)).containsEntry("gen_ai.response.model", "gpt-b")
                .containsEntry("freeport.provider", "pb").containsKey("gen_ai.usage.output_tokens");
        assertThat(receiver.resources().getFirst()).containsEntry("service.name", "freeport");
        assertThat(receiver.lastHeaders()).containsEntry("x-collector-token", "tok-1");
    }

    @Test
    void theCallersTraceparentIsTheParentAndEachAttemptSendsItsOwn() throws Exception {
        gw = ObservedGateway.start(yaml(tracingTo("")));
        assertThat(gw.chat("m", true, "traceparent", "00-" + TRACE + "-" + PARENT + "-01").statusCode())
                .isEqualTo(200);
        List<Span> spans = receiver.await(2);
        Span server = one(spans, Span.SpanKind.SPAN_KIND_SERVER, 0);
        Span client = one(spans, Span.SpanKind.SPAN_KIND_CLIENT, 0);
        assertThat(hex(server.getTraceId())).isEqualTo(TRACE);
        assertThat(hex(server.getParentSpanId())).isEqualTo(PARENT);
        RecordedRequest upstream = a.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThat(upstream.header("traceparent")).isEqualTo("00-" + TRACE + "-" + hex(client.getSpanId()) + "-01");
    }

    @Test
    void anUnsampledCallerTraceIsFollowedAndNotExported() throws Exception {
        gw = ObservedGateway.start(yaml(tracingTo("")));
        assertThat(gw.chat("m", false, "traceparent", "00-" + TRACE + "-" + PARENT + "-00").statusCode())
                .isEqualTo(200);
        RecordedRequest upstream = a.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThat(upstream.header("traceparent")).startsWith("00-" + TRACE + "-").endsWith("-00");
        gw.close();
        gw = null; // closing flushes every pending span
        assertThat(receiver.spans()).isEmpty();
    }

    @Test
    void contentsAreLeftOutByDefault() throws Exception {
        gw = ObservedGateway.start(yaml(tracingTo("")));
        assertThat(gw.chat("m", false).statusCode()).isEqualTo(200);
        Span server = one(receiver.await(2), Span.SpanKind.SPAN_KIND_SERVER, 0);
        assertThat(attributes(server)).doesNotContainKey("gen_ai.input.messages")
                .doesNotContainKey("gen_ai.output.messages");
    }

    @Test
    void contentsAreExportedWhenEnabled() throws Exception {
        gw = ObservedGateway.start(yaml(tracingTo(", content: true")));
        assertThat(gw.chat("m", false).statusCode()).isEqualTo(200);
        Map<String, String> s = attributes(one(receiver.await(2), Span.SpanKind.SPAN_KIND_SERVER, 0));
        assertThat(s.get("gen_ai.input.messages")).contains("hello there");
        assertThat(s.get("gen_ai.output.messages")).contains("Hello from the fake upstream.");
    }

    @Test
    void anEmbeddingsRequestIsTracedUnderItsAlias() throws Exception {
        gw = ObservedGateway.start(yaml(tracingTo("")));
        assertThat(gw.post("/v1/embeddings", "{\"model\":\"m\",\"input\":\"hello\"}").statusCode()).isEqualTo(200);
        Span server = one(receiver.await(2), Span.SpanKind.SPAN_KIND_SERVER, 0);
        assertThat(server.getName()).isEqualTo("embeddings m");
        assertThat(attributes(server)).containsEntry("gen_ai.operation.name", "embeddings")
                .containsEntry("gen_ai.request.model", "m");
        assertThat(a.awaitRequests(1, Duration.ofSeconds(5)).getFirst().header("traceparent")).isNotNull();
    }

    @Test
    void withoutTracingNoTraceContextGoesUpstream() throws Exception {
        gw = ObservedGateway.start(yaml(""));
        assertThat(gw.chat("m", false, "traceparent", "00-" + TRACE + "-" + PARENT + "-01").statusCode())
                .isEqualTo(200);
        assertThat(a.awaitRequests(1, Duration.ofSeconds(5)).getFirst().header("traceparent")).isNull();
    }
}
