package dev.freeport.server;

import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /admin/reload swaps the config while a stream started on the old one runs to its end. */
class ReloadTest {
    @TempDir
    Path dir;

    private static String config(String upstream, String data, String extraAlias) {
        return """
                server: { host: 127.0.0.1, port: 0 }
                providers:
                  up: { type: openai, base_url: "%s", api_key: k }
                models:
                  - { name: smart, targets: [ { provider: up, model: m1 } ] }
                %s
                ledger: { data_dir: "%s" }
                """.formatted(upstream, extraAlias, data);
    }

    @Test
    void reloadKeepsRequestsInFlightAndServesTheNewConfig() throws Exception {
        try (FakeUpstream up = FakeUpstream.start()) {
            Path file = dir.resolve("freeport.yaml");
            String data = dir.resolve("data").toString();
            Files.writeString(file, config(up.baseUrl(), data, ""));
            FreeportConfig cfg = ConfigLoader.load(file);
            Gateway gw = Gateway.start(cfg, file, JournaledLedger.open(cfg.ledger()));
            try {
                String base = "http://127.0.0.1:" + gw.port();
                HttpClient http = HttpClient.newHttpClient();
                up.enqueue(Reply.ok("a slow answer that keeps streaming for a while")
                        .chunkDelay(Duration.ofMillis(150)));
                CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                                URI.create(base + "/v1/chat/completions")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                up.awaitRequests(1, Duration.ofSeconds(5));

                Files.writeString(file, config(up.baseUrl(), data,
                        "  - { name: cheap, targets: [ { provider: up, model: m2 } ] }"));
                HttpResponse<String> reload = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/reload"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);

                HttpResponse<String> cheap = http.send(HttpRequest.newBuilder(
                                URI.create(base + "/v1/chat/completions")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(cheap.statusCode()).as(cheap.body()).isEqualTo(200);
                assertThat(up.requests().get(1).model()).isEqualTo("m2");

                HttpResponse<String> old = inFlight.get();
                assertThat(old.statusCode()).isEqualTo(200);
                assertThat(old.body()).contains("[DONE]").contains("streaming");
                assertThat(inFlight.isDone()).isTrue();
            } finally {
                gw.close();
            }
        }
    }

    @Test
    void anInvalidConfigIsRefusedAndTheRunningOneStays() throws Exception {
        try (FakeUpstream up = FakeUpstream.start()) {
            Path file = dir.resolve("freeport.yaml");
            Files.writeString(file, config(up.baseUrl(), dir.resolve("data").toString(), ""));
            FreeportConfig cfg = ConfigLoader.load(file);
            Gateway gw = Gateway.start(cfg, file, JournaledLedger.open(cfg.ledger()));
            try {
                Files.writeString(file, "models: [ { name: broken } ]\n");
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> reload = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw.port() + "/admin/reload"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reload.statusCode()).isEqualTo(400);
                assertThat(reload.body()).contains("reload refused").contains("targets");
                assertThat(gw.runtime().route("smart")).isNotNull();
            } finally {
                gw.close();
            }
        }
    }

    @Test
    void aReloadRefusedForASyntaxErrorOnAKeyLineNeverShowsTheKey() throws Exception {
        try (FakeUpstream up = FakeUpstream.start()) {
            Path file = dir.resolve("freeport.yaml");
            Files.writeString(file, config(up.baseUrl(), dir.resolve("data").toString(), ""));
            FreeportConfig cfg = ConfigLoader.load(file);
            Gateway gw = Gateway.start(cfg, file, JournaledLedger.open(cfg.ledger()));
            try {
                Files.writeString(file, config(up.baseUrl(), dir.resolve("data").toString(), "")
                        .replace("api_key: k }", "api_key: sk-live-9f8e7d6c: x }"));
                HttpResponse<String> reload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw.port() + "/admin/reload"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reload.statusCode()).isEqualTo(400);
                assertThat(reload.body()).contains("reload refused").doesNotContain("9f8e7d6c");
                // what SIGHUP prints on stderr is this failure's message
                Throwable sighup = gw.reload().toCompletionStage().toCompletableFuture()
                        .handle((v, e) -> e).get();
                assertThat(sighup.getMessage()).contains("invalid YAML").doesNotContain("9f8e7d6c");
            } finally {
                gw.close();
            }
        }
    }
}
