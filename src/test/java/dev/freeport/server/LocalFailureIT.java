package dev.freeport.server;

import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway process out of file descriptors (a low {@code ulimit -n}, filled by idle client connections) cannot open
 * a socket to its upstream: the caller gets a 503 that blames the gateway, and the upstream's circuit breaker does
 * not count it, so the upstream is used again as soon as descriptors are free.
 */
class LocalFailureIT {
    private static final int FD_LIMIT = 512;
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static int openFiles(long pid) throws IOException {
        try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) files.count();
        }
    }

    /** Sends a chat on a kept-alive connection and reads one answer (the gateway answers with Content-Length). */
    private static String chat(Socket s) throws IOException {
        s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + CHAT.length() + "\r\n\r\n" + CHAT).getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase();
        int at = lower.indexOf("content-length: ");
        int length = Integer.parseInt(lower.substring(at + 16, lower.indexOf("\r\n", at)).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void outOfFileDescriptorsIsA503ThatNeverOpensTheUpstreamsBreaker() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            upstream.setDefault(Reply.ok("hello"));
            Path dir = Files.createTempDirectory("freeport-emfile");
            int port = GatewayProcess.freePort();
            Path config = dir.resolve("freeport.yaml");
            Files.writeString(config, """
                    server: { host: 127.0.0.1, port: %d, max_connections: 100000, head_timeout: 60s, idle_timeout: 60s }
                    providers:
                      up: { type: openai, base_url: "%s" }
                    models:
                      - name: m
                        targets: [ { provider: up, model: m1 } ]
                    router: { max_attempts: 1, circuit_breaker: { failures: 2, open_for: 60s } }
                    ledger: { data_dir: %s }
                    """.formatted(port, upstream.baseUrl(), dir.resolve("data")));
            try (GatewayProcess gateway = GatewayProcess.serve(config, "ulimit -n " + FD_LIMIT + ";", "")) {
                Socket caller = new Socket(InetAddress.getLoopbackAddress(), port);
                caller.setSoTimeout(20_000);
                List<Socket> idle = new ArrayList<>();
                try {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (openFiles(gateway.pid()) < FD_LIMIT && System.nanoTime() < deadline) {
                        idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
                        if (idle.size() % 50 == 0) {
                            Thread.sleep(50);
                        }
                    }
                    Thread.sleep(300);
                    assertThat(openFiles(gateway.pid())).as("the gateway is out of descriptors").isEqualTo(FD_LIMIT);

                    for (int i = 0; i < 3; i++) {   // more than the breaker's 2 failures
                        String refused = chat(caller);
                        assertThat(refused).as(gateway.outputText()).startsWith("HTTP/1.1 503")
                                .contains("gateway_out_of_resources", "out of file descriptors");
                    }
                } finally {
                    for (Socket s : idle) {
                        s.close();
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (openFiles(gateway.pid()) > FD_LIMIT - 100 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }

                String served = chat(caller);

                assertThat(served).as("the upstream's circuit stayed closed").startsWith("HTTP/1.1 200")
                        .contains("hello");
                caller.close();
            }
        }
    }
}
