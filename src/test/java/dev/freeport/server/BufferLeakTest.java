package dev.freeport.server;

import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pooled buffer the gateway takes is given back, on every path: answers, streams, the Anthropic front's
 * translation, the Responses API, upstream faults, bad requests and callers that hang up mid-stream. The gateway runs without Netty's
 * leak detector (Vert.x turns it off unless {@code -Dio.netty.leakDetection.level} is set: a sampled buffer costs a
 * stack trace), so leaks are hunted here: the detector at PARANOID (every buffer tracked), the traffic, a garbage
 * collection, more traffic (a tracked allocation reports what the collector found), and no "LEAK" report.
 */
class BufferLeakTest {
    private static final String BODY = "{\"model\":\"bench\",\"stream\":%s,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Give me one sentence about gateways.\"}],\"max_tokens\":64}";
    private static final String MESSAGES = "{\"model\":\"bench\",\"stream\":%s,\"max_tokens\":64,\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"Give me one sentence about gateways.\"}]}";
    private static final String RESPONSES = "{\"model\":\"bench\",\"stream\":%s,\"input\":\"One sentence.\"}";
    private static final Logger DETECTOR = Logger.getLogger(ResourceLeakDetector.class.getName());

    private static ResourceLeakDetector.Level before;
    private final List<String> leaks = new ArrayList<>();
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String msg = r.getMessage();
            if (msg != null && msg.contains("LEAK")) {
                synchronized (leaks) {
                    leaks.add(msg);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void trackEveryBuffer() throws ClassNotFoundException {
        // Vert.x turns Netty's detector off when its class is first loaded (unless -Dio.netty.leakDetection.level
        // is set): load it first, then turn the detector on
        Class.forName("io.vertx.core.impl.VertxImpl", true, BufferLeakTest.class.getClassLoader());
        before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreTheLevel() {
        ResourceLeakDetector.setLevel(before);
    }

    @BeforeEach
    void listen() {
        DETECTOR.addHandler(collect);
    }

    @AfterEach
    void stopListening() {
        DETECTOR.removeHandler(collect);
    }

    @Test
    void theDetectorReportsABufferDroppedWithoutRelease() throws Exception {
        ByteBuf dropped = ByteBufAllocator.DEFAULT.directBuffer(64);
        dropped.writeLong(1);
        dropped = null; // never released

        collectAndTouch(null);

        assertThat(leaks).as("the check below depends on the detector reporting in this JVM").isNotEmpty();
    }

    @Test
    void noPathOfTheGatewayLeaksABuffer() throws Exception {
        FakeUpstream up = FakeUpstream.start();
        FakeUpstream faulty = FakeUpstream.start(); // its circuit opens; the answers' does not
        up.setDefault(Reply.ok("Gateways add a hop; a good one adds almost no latency."));
        try (TestGateway gw = TestGateway.builder().openai("fast", up.baseUrl()).openai("faulty", faulty.baseUrl())
                .alias("bench", "fast/bench-upstream").alias("faults", "faulty/bench-upstream").responses().start()) {
            for (int round = 0; round < 3; round++) {
                traffic(gw, faulty);
                collectAndTouch(gw);
            }
            assertThat(ResourceLeakDetector.getLevel()).as("nothing turned the detector off meanwhile")
                    .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        } finally {
            up.close();
            faulty.close();
        }
        assertThat(leaks).isEmpty();
    }

    private static void traffic(TestGateway gw, FakeUpstream faulty) throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(gw.post("/v1/chat/completions", BODY.formatted("false")).statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/chat/completions", BODY.formatted("true")).statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/messages", MESSAGES.formatted("false"), "anthropic-version", "2023-06-01")
                    .statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/messages", MESSAGES.formatted("true"), "anthropic-version", "2023-06-01")
                    .statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/responses", RESPONSES.formatted("false")).statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/responses", RESPONSES.formatted("true")).statusCode()).isEqualTo(200);
        }
        for (Reply fault : List.of(Reply.status(500), Reply.status(400), Reply.resetBeforeHead(),
                Reply.resetAfterChunks(2), Reply.malformedJson(), Reply.inBandError(2))) {
            for (String stream : List.of("false", "true")) {
                faulty.setDefault(fault); // every retry meets it too
                HttpResponse<String> r = gw.post("/v1/chat/completions", BODY.formatted(stream).replace("bench",
                        "faults"));
                assertThat(r.statusCode()).as(fault + " " + r.body()).isPositive();
            }
        }
        assertThat(gw.post("/v1/chat/completions", "{\"model\":\"bench\",\"messages\":[").statusCode()).isEqualTo(400);
        assertThat(gw.post("/v1/messages", "{\"model\":", "anthropic-version", "2023-06-01").statusCode())
                .isEqualTo(400);
        hangUpMidStream(gw);
    }

    /** A caller that reads the head of a stream and closes its connection. */
    private static void hangUpMidStream(TestGateway gw) throws Exception {
        byte[] body = BODY.formatted("true").getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway().port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(in.read(new byte[64])).isPositive();
        }
        Thread.sleep(100);
    }

    /**
     * Collects the garbage, then allocates tracked buffers: the detector reports what was collected unreleased when a
     * later buffer is tracked (on the gateway's loops too, through requests).
     */
    private static void collectAndTouch(TestGateway gw) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            for (int j = 0; j < 10; j++) {
                ByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
            if (gw != null) {
                gw.post("/v1/chat/completions", BODY.formatted("false"));
            }
        }
    }
}
