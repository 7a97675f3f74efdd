package dev.freeport.server;

import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real jar as a process under load, kills it with SIGKILL, restarts it, and finds every request that
 * was answered before the kill in the ledger.
 */
class LedgerKillIT {

    @Test
    void everyAnsweredRequestSurvivesKillNine() throws Exception {
        Path dir = Files.createTempDirectory("freeport-kill");
        Path data = dir.resolve("data");
        int port = freePort();
        Path config = dir.resolve("freeport.yaml");
        Files.writeString(config, """
                server: { host: 127.0.0.1, port: %d }
                providers:
                  sandbox:
                    type: sandbox
                    models:
                      instant: { ttft: 1ms, tokens_per_second: 0 }
                models:
                  - name: sim
                    targets: [ { provider: sandbox, model: instant } ]
                ledger: { data_dir: %s, flush_interval: 5s, batch_size: 100000 }
                """.formatted(port, data));

        Process first = serve(config);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        warmUp(http, port);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            load.add(Thread.ofPlatform().start(() -> {
                int i = 0;
                while (running.get()) {
                    boolean stream = (i++ % 3) == 0;
                    String body = "{\"model\":\"sim\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"request " + thread + "-" + i + "\"}]}";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                                .timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        boolean complete = r.statusCode() == 200 && (!stream || r.body().contains("[DONE]"));
                        if (complete) {
                            answered.add(r.headers().firstValue("x-freeport-request-id").orElseThrow());
                        }
                    } catch (IOException | InterruptedException e) {
                        // the process is being killed
                    }
                }
            }));
        }
        // kill mid-load: once enough requests were answered (bounded in time on a busy machine)
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (answered.size() < 300 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        first.destroyForcibly();          // SIGKILL: no shutdown hook, no flush
        first.waitFor(10, TimeUnit.SECONDS);
        running.set(false);
        for (Thread t : load) {
            t.join();
        }
        assertThat(answered.size()).as("requests answered before the kill").isGreaterThan(100);

        Process second = serve(config);   // replays the journal on start
        second.destroy();                 // SIGTERM: clean shutdown
        second.waitFor(20, TimeUnit.SECONDS);

        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(data, 500, Duration.ofMillis(50)))) {
            Set<String> recorded = ledger.since(Instant.EPOCH).stream().map(UsageEvent::id)
                    .collect(Collectors.toSet());
            Set<String> missing = answered.stream().filter(id -> !recorded.contains(id)).collect(Collectors.toSet());
            assertThat(missing).as("answered requests missing from the ledger").isEmpty();
        }
    }

    /** One answered request, so the load below measures a started gateway (the tokenizer loads lazily). */
    private static void warmUp(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim\",\"messages\":[{\"role\":\"user\",\"content\":\"warm up\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static Process serve(Path config) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("freeport.jar", "target/freeport.jar");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "serve", "--config", config.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("freeport listening on")) {
                Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> { }));
                return p;
            }
        }
        p.destroyForcibly();
        throw new AssertionError("freeport did not start:\n" + seen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
