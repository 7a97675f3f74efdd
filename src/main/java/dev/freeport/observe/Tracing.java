package dev.freeport.observe;

import dev.freeport.config.ObserveConfig;
import dev.freeport.module.RequestWatch;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * OpenTelemetry traces (the OpenTelemetry Java SDK, exported in batches over OTLP/HTTP with protobuf bodies by the
 * SDK's exporter on the JDK's HTTP client): a server span per request and a client span per upstream attempt
 * ({@link TracedRequest}). A caller's W3C {@code traceparent} is the parent of the request's span; sampling follows
 * it, and for new traces keeps {@code sample_ratio} of them. Exists only when {@code tracing.endpoint} is set:
 * without it the gateway builds no tracer and no span.
 */
final class Tracing {
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final boolean content;

    Tracing(ObserveConfig.Tracing cfg) {
        var exporter = OtlpHttpSpanExporter.builder().setEndpoint(cfg.endpoint()).setTimeout(Duration.ofSeconds(10));
        cfg.headers().forEach(exporter::addHeader);
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), cfg.serviceName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(cfg.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build())
                        .setScheduleDelay(Duration.ofSeconds(1)).build())
                .build();
        this.tracer = provider.get("dev.freeport");
        this.content = cfg.content();
    }

    /** The watch of one request: its server span, a child of the caller's trace context if it sent one. */
    RequestWatch start(String endpoint, Function<String, String> headers, RequestWatch metrics) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
        return new TracedRequest(tracer, parent, endpoint, content, metrics);
    }

    /** Exports what is pending (waits up to 5 s) and stops. */
    void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
