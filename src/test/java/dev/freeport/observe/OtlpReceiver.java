package dev.freeport.observe;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A real OTLP/HTTP receiver on a loopback port 0: takes {@code POST /v1/traces} with protobuf bodies as an
 * OpenTelemetry collector does, decodes them with the OTLP protobuf classes and keeps the spans and the headers
 * each export came with.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();
    private final List<Map<String, String>> resources = new ArrayList<>();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), v.getFirst()));
                if (!"POST".equals(exchange.getRequestMethod())
                        || !exchange.getRequestHeaders().getFirst("content-type").startsWith("application/x-protobuf")) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(body);
                synchronized (this) {
                    for (ResourceSpans rs : req.getResourceSpansList()) {
                        resources.add(attributes(rs.getResource().getAttributesList()));
                        for (ScopeSpans ss : rs.getScopeSpansList()) {
                            spans.addAll(ss.getSpansList());
                        }
                    }
                    notifyAll();
                }
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("content-type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Waits until at least {@code n} spans arrived (at most 15 s), then answers all of them. */
    synchronized List<Span> await(int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (spans.size() < n && System.nanoTime() < end) {
            wait(100);
        }
        return List.copyOf(spans);
    }

    synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    synchronized List<Map<String, String>> resources() {
        return List.copyOf(resources);
    }

    Map<String, String> lastHeaders() {
        return Map.copyOf(lastHeaders);
    }

    /** A span's attributes as strings (arrays as their items joined by ","). */
    static Map<String, String> attributes(List<KeyValue> kvs) {
        return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()), (x, y) -> y));
    }

    static Map<String, String> attributes(Span s) {
        return attributes(s.getAttributesList());
    }

    static String hex(com.google.protobuf.ByteString b) {
        return HexFormat.of().formatHex(b.toByteArray());
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OtlpReceiver::text)
                    .collect(Collectors.joining(","));
            default -> v.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
