package dev.freeport.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback that plays AWS Bedrock Runtime's Converse and ConverseStream
 * ({@code POST /model/{modelId}/converse}, {@code /converse-stream}) and checks every request's SigV4 signature the
 * way AWS does: it signs the request it received again, with the AWS SDK's own signer, the expected credentials and
 * the time in {@code x-amz-date}, and answers 403 {@code InvalidSignatureException} unless the signatures match
 * (403 {@code UnrecognizedClientException} for an unknown access key). Replies are {@link Reply}s: text and tool
 * calls, {@link Reply#status} errors (the body, when set, names the exception type), the in-band fault as a
 * {@code modelStreamErrorException} message, the malformed fault as a frame with a bad checksum.
 */
public final class FakeBedrock implements AutoCloseable {
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+),"
                    + " Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Vertx vertx = Vertx.vertx();
    private final AwsCredentialsIdentity credentials;
    private final String region;
    private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final HttpServer server;
    private int rejected;

    private FakeBedrock(AwsCredentialsIdentity credentials, String region) {
        this.credentials = credentials;
        this.region = region;
        this.server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(r -> r.body().onSuccess(b -> handle(r, b))).listen());
    }

    /** Starts on a free loopback port, accepting requests signed with these credentials for this region. */
    public static FakeBedrock start(AwsCredentialsIdentity credentials, String region) {
        return new FakeBedrock(credentials, region);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public FakeBedrock enqueue(Reply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** An error status answered with this restJson1 exception type (e.g. ModelNotReadyException). */
    public static Reply error(int status, String type) {
        return Reply.status(status).body(type);
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests refused for their signature. */
    public synchronized int rejected() {
        return rejected;
    }

    private void handle(HttpServerRequest request, Buffer body) {
        synchronized (this) {
            requests.add(Inbound.record(request, body, Inbound.parse(body)));
        }
        String refusal = verify(request, body);
        if (refusal != null) {
            synchronized (this) {
                rejected++;
            }
            String type = refusal.startsWith("unknown") ? "UnrecognizedClientException" : "InvalidSignatureException";
            error(request, 403, type, refusal);
            return;
        }
        String path = request.path();
        boolean stream = path.endsWith("/converse-stream");
        if (!path.startsWith("/model/") || !(stream || path.endsWith("/converse"))) {
            error(request, 404, "UnknownOperationException", "no such operation: " + path);
            return;
        }
        Reply reply = queue.poll();
        Reply r = reply != null ? reply : Reply.ok("Hello from the fake Bedrock.");
        Exchange exchange = new Exchange(vertx, request, () -> { }, () -> false);
        switch (r.kind) {
            case STATUS -> error(request, r.status, r.body != null ? r.body : BedrockWire.errorType(r.status),
                    "scripted " + r.status);
            case RESET_BEFORE_HEAD -> exchange.reset();
            case HANG -> {
            }
            case ANSWER -> exchange.answer(plan(r, stream), r, r.chunkDelay != null ? r.chunkDelay : Duration.ZERO);
        }
    }

    private static Plan plan(Reply r, boolean stream) {
        Map<String, String> headers = Map.of("x-amzn-requestid", "fake-request-id");
        if (!stream) {
            return Plan.json(Buffer.buffer(BedrockWire.converse(r).toString()),
                    Buffer.buffer("{\"message\":\"in-band\"}"), Buffer.buffer("{\"output\":{\"mess"), headers);
        }
        ObjectNode delta = BedrockWire.JSON.createObjectNode().put("contentBlockIndex", 0);
        delta.putObject("delta").put("text", "corrupted");
        return Plan.sse(BedrockWire.stream(r),
                BedrockWire.exception("modelStreamErrorException", "The model stream was interrupted."),
                BedrockWire.corrupted("contentBlockDelta", delta),
                Map.of("content-type", "application/vnd.amazon.eventstream", "x-amzn-requestid", "fake-request-id"));
    }

    /** Null when the request carries a valid signature of the expected credentials; else why not. */
    private String verify(HttpServerRequest request, Buffer body) {
        String auth = request.getHeader("authorization");
        Matcher m = auth == null ? null : AUTH.matcher(auth);
        if (m == null || !m.matches()) {
            return "missing or malformed SigV4 Authorization header";
        }
        if (!m.group(1).equals(credentials.accessKeyId())) {
            return "unknown access key " + m.group(1);
        }
        if (!m.group(3).equals(region) || !m.group(4).equals("bedrock")) {
            return "credential scope " + m.group(3) + "/" + m.group(4) + " is not " + region + "/bedrock";
        }
        String date = request.getHeader("x-amz-date");
        if (date == null) {
            return "no x-amz-date";
        }
        Instant at = AMZ_DATE.parse(date, Instant::from);
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(request.method().name()))
                .uri(URI.create("http://" + request.getHeader("host") + request.uri()));
        for (String name : m.group(5).split(";")) {
            if (!name.equals("host") && !name.startsWith("x-amz-")) {
                String v = request.getHeader(name);
                if (v != null) {
                    http.putHeader(name, v);
                }
            }
        }
        String expected = AwsV4HttpSigner.create().sign(s -> s.request(http.build())
                        .payload(ContentStreamProvider.fromByteArray(body.getBytes()))
                        .identity(credentials)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
        return expected.equals(auth) ? null : "The request signature we calculated does not match the signature you"
                + " provided.";
    }

    private static void error(HttpServerRequest request, int status, String type, String message) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("x-amzn-errortype", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .putHeader("x-amzn-requestid", "fake-request-id")
                .end(BedrockWire.JSON.createObjectNode().put("message", message).toString());
    }

    private static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
