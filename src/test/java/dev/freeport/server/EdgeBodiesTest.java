package dev.freeport.server;

import dev.freeport.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies hold memory only as their bytes arrive, the bytes of all bodies still arriving are bounded, and an
 * answer given before a body was read closes the connection instead of reading the rest.
 */
class EdgeBodiesTest {
    private static final String SANDBOX = """
            providers:
              sandbox:
                type: sandbox
                models:
                  instant: { ttft: 1ms, tokens_per_second: 0 }
            models:
              - name: sim
                targets: [ { provider: sandbox, model: instant } ]
            """;
    private final List<Socket> sockets = new ArrayList<>();
    private TestGateway gw;

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway().port());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    private static String head(String path, long length) {
        return "POST " + path + " HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n\r\n";
    }

    private static String chat(int bytes) {
        String start = "{\"model\":\"sim\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        String end = "\"}]}";
        return start + "x".repeat(bytes - start.length() - end.length()) + end;
    }

    private static long heapUsed() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void await(LongSupplier value, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(value.getAsLong()).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void announcedBodiesTakeNoMemoryBeforeTheirBytesArrive() throws Exception {
        gw = TestGateway.fromYaml(SANDBOX, vx -> List.of());
        long before = heapUsed();

        for (int i = 0; i < 40; i++) {   // 40 heads announcing 15 MB each: 600 MB if sized from Content-Length
            OutputStream out = connect().getOutputStream();
            out.write((head("/v1/chat/completions", 15_000_000) + "{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        await(() -> gw.gateway().edge().pendingBody(), 40);

        assertThat(heapUsed() - before).as("heap held by 40 announced bodies").isLessThan(64L << 20);
    }

    @Test
    void aBodyOverTheBudgetOfBodiesInTransitGets503() throws Exception {
        gw = TestGateway.fromYaml("max_pending_body: 256KiB", SANDBOX, vx -> List.of());
        OutputStream slow = connect().getOutputStream();
        slow.write((head("/v1/chat/completions", 300_000) + "x".repeat(200_000)).getBytes(StandardCharsets.US_ASCII));
        slow.flush();
        await(() -> gw.gateway().edge().pendingBody(), 200_000);

        String body = chat(100_000);
        RawHttp.Response r = RawHttp.exchange(gw.gateway().port(), head("/v1/chat/completions", body.length()) + body,
                Duration.ofSeconds(10));

        assertThat(r.status()).as(r.text()).isEqualTo(503);
        assertThat(r.body()).contains("server_busy", "server.max_pending_body");
        assertThat(r.head().toLowerCase()).contains("retry-after: 1");
    }

    @Test
    void theBudgetComesBackWhenAStalledClientLeaves() throws Exception {
        gw = TestGateway.fromYaml("max_pending_body: 256KiB", SANDBOX, vx -> List.of());
        Socket stalled = connect();
        stalled.getOutputStream().write((head("/v1/chat/completions", 300_000) + "x".repeat(200_000))
                .getBytes(StandardCharsets.US_ASCII));
        await(() -> gw.gateway().edge().pendingBody(), 200_000);

        stalled.close();
        await(() -> -gw.gateway().edge().pendingBody(), 0);
        String body = chat(100_000);
        RawHttp.Response r = RawHttp.exchange(gw.gateway().port(), head("/v1/chat/completions", body.length())
                .replace("Host: a\r\n", "Host: a\r\nConnection: close\r\n") + body, Duration.ofSeconds(10));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @Test
    void a300MegabyteAdminPostIsRefusedAfter64KiBAndItsConnectionClosed() throws Exception {
        gw = TestGateway.fromYaml(SANDBOX, vx -> List.of());
        Socket s = connect();
        long before = heapUsed();
        CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.readAll(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        OutputStream out = s.getOutputStream();
        out.write("POST /admin/reload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        try {
            while (sent < 300L << 20) {
                out.write(chunk);
                sent += 0x10000;
            }
        } catch (java.io.IOException closedByTheGateway) {
            // expected: the gateway stopped reading
        }
        RawHttp.Response r = answer.get(10, TimeUnit.SECONDS);

        assertThat(r.status()).as(r.text()).isEqualTo(413);
        assertThat(r.body()).contains("admin request bodies are limited to 65536 bytes");
        assertThat(sent).as("bytes the client could send before the gateway closed").isLessThan(32L << 20);
        assertThat(heapUsed() - before).isLessThan(32L << 20);
    }

    @Test
    void anAnswerBeforeTheBodyWasReadClosesTheConnection() throws Exception {
        gw = TestGateway.fromYaml("master_key: sk-test", SANDBOX, vx -> List.of());
        Socket s = connect();
        s.getOutputStream().write((head("/v1/chat/completions", 1000) + "{").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();

        RawHttp.Response r = RawHttp.readAll(s);

        assertThat(r.status()).as(r.text()).isEqualTo(401);
        assertThat(r.closed()).as("closed, not waiting for the rest of the body: %s", r.error()).isTrue();
        assertThat(in.read()).isEqualTo(-1);
    }
}
