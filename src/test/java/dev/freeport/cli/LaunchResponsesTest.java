package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway as {@code freeport serve} builds it serves the Responses API, its store in the ledger's data dir. */
class LaunchResponsesTest {
    @TempDir
    Path dir;

    @Test
    void servedGatewayAnswersAndKeepsResponsesInTheDataDir() throws Exception {
        FreeportConfig cfg = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").config(dir);
        Gateway g = Gateway.start(cfg, null, JournaledLedger.open(cfg.ledger(), cfg.store()),
                vx -> Launch.modules(vx, cfg));
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + g.port() + "/v1/responses";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"cheap\",\"input\":\"hello\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            JsonNode body = TestGateway.json(created.body());
            assertThat(body.path("output_text").asText()).isNotBlank();

            HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(base + "/" + body.path("id")
                    .asText())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        } finally {
            g.close();
        }
        assertThat(Files.exists(dir.resolve("responses.db"))).isTrue();
    }
}
