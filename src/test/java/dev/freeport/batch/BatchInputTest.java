package dev.freeport.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.BatchConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to the batch APIs gets a clear error in the API's own format and status, never a 500. */
class BatchInputTest {
    FakeUpstream up;
    TestGateway gw;
    BatchClient client;

    @BeforeEach
    void start() {
        up = FakeUpstream.start();
        gw = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("m", "up/gpt")
                .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(4, 60_000), Clock.systemUTC()))
                .start();
        client = new BatchClient(gw.base(), null);
    }

    @AfterEach
    void stop() {
        gw.close();
        up.close();
    }

    private static JsonNode openAiError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = TestGateway.json(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        return error;
    }

    @Test
    void anUploadThatIsNotMultipartIsA400() {
        JsonNode e = openAiError(client.post("/v1/files", "{\"purpose\":\"batch\"}"), 400);
        assertThat(e.path("message").asText()).contains("multipart/form-data");
    }

    @Test
    void anUploadForAnotherPurposeIsA400NamingIt() {
        JsonNode e = openAiError(client.upload("{}", "fine-tune"), 400);
        assertThat(e.path("param").asText()).isEqualTo("purpose");
        assertThat(e.path("message").asText()).contains("fine-tune");
    }

    @Test
    void aBatchOfAnUnknownFileIsA404AndOfAnUnsupportedEndpointA400() {
        openAiError(client.post("/v1/batches", "{\"input_file_id\":\"file-nope\",\"endpoint\":\"/v1/chat/completions\","
                + "\"completion_window\":\"24h\"}"), 404);
        JsonNode e = openAiError(client.post("/v1/batches", "{\"input_file_id\":\"file-nope\","
                + "\"endpoint\":\"/v1/images\",\"completion_window\":\"24h\"}"), 400);
        assertThat(e.path("param").asText()).isEqualTo("endpoint");
        openAiError(client.post("/v1/batches", "{\"input_file_id\":"), 400);
        openAiError(client.post("/v1/batches", "{\"input_file_id\":\"f\",\"endpoint\":\"/v1/embeddings\","
                + "\"completion_window\":\"1h\"}"), 400);
    }

    @Test
    void aFileWithNoRequestsIsA400() {
        String file = TestGateway.json(client.upload("\n\n", "batch").body()).path("id").asText();
        JsonNode e = openAiError(client.post("/v1/batches", "{\"input_file_id\":\"" + file + "\","
                + "\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}"), 400);
        assertThat(e.path("code").asText()).isEqualTo("empty_file");
    }

    @Test
    void malformedLinesEachGetTheirOwnErrorAndTheOthersRun() {
        String content = String.join("\n",
                "[1, 2]",
                "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}",
                "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}",
                "{\"custom_id\":\"b\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{}}",
                "{\"custom_id\":\"c\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\","
                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}",
                "{\"custom_id\":\"d\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\","
                        + "\"messages\":\"not a list\"}}");

        JsonNode done = client.awaitEnd(client.start(content).path("id").asText());

        assertThat(done.at("/request_counts/total").asInt()).isEqualTo(6);
        assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(1);
        var errors = client.file(done.path("error_file_id").asText());
        assertThat(errors).extracting(e -> e.at("/error/message").asText(e.at("/response/body/error/message")
                .asText())).satisfiesExactly(
                        m -> assertThat(m).contains("Line 1", "not a JSON object"),
                        m -> assertThat(m).contains("Line 3", "repeats custom_id 'a'"),
                        m -> assertThat(m).contains("Line 4", "/v1/embeddings"),
                        m -> assertThat(m).contains("Line 5", "stream"),
                        m -> assertThat(m).contains("messages"));
        assertThat(errors.getLast().at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(up.requests()).hasSize(1);
    }

    @Test
    void listAndCursorsAndBadLimits() {
        String first = client.start(BatchClient.lines("m", 1, 5)).path("id").asText();
        String second = client.start(BatchClient.lines("m", 1, 5)).path("id").asText();

        JsonNode page = TestGateway.json(client.get("/v1/batches?limit=1").body());
        JsonNode next = TestGateway.json(client.get("/v1/batches?limit=1&after=" + page.path("last_id").asText())
                .body());

        assertThat(page.path("data").get(0).path("id").asText()).isEqualTo(second);
        assertThat(page.path("has_more").asBoolean()).isTrue();
        assertThat(next.path("data").get(0).path("id").asText()).isEqualTo(first);
        assertThat(next.path("has_more").asBoolean()).isFalse();
        openAiError(client.get("/v1/batches?limit=0"), 400);
        openAiError(client.get("/v1/batches/batch_x/cancel"), 405);
    }

    @Test
    void anthropicBatchesRefuseBadRequestsInAnthropicsFormat() {
        HttpResponse<String> r = client.post("/v1/messages/batches", "{\"requests\":[{\"custom_id\":\"has space\","
                + "\"params\":{}}]}", "anthropic-version", "2023-06-01");
        HttpResponse<String> dup = client.post("/v1/messages/batches", "{\"requests\":[{\"custom_id\":\"x\","
                + "\"params\":{}},{\"custom_id\":\"x\",\"params\":{}}]}", "anthropic-version", "2023-06-01");
        HttpResponse<String> missing = client.get("/v1/messages/batches/msgbatch_nope/results");

        for (HttpResponse<String> bad : java.util.List.of(r, dup)) {
            assertThat(bad.statusCode()).isEqualTo(400);
            JsonNode body = TestGateway.json(bad.body());
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(TestGateway.json(dup.body()).at("/error/message").asText()).contains("unique");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(missing.body()).at("/error/type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void anotherKeysBatchesAndFilesDoNotExistForAKey() {
        java.util.Map<String, dev.freeport.caller.Principal> keys = java.util.Map.of(
                "sk-a", new dev.freeport.caller.Principal("key-a", "fp-a", null, null, null, null, null, null, null),
                "sk-b", new dev.freeport.caller.Principal("key-b", "fp-b", null, null, null, null, null, null, null));
        try (TestGateway keyed = TestGateway.builder().openai("up", up.baseUrl(), BatchClient.PATIENT).alias("m", "up/gpt")
                .module((vx, cfg) -> dev.freeport.module.Module.authenticating(c -> presented ->
                        keys.containsKey(presented) ? io.vertx.core.Future.succeededFuture(keys.get(presented))
                                : io.vertx.core.Future.failedFuture(dev.freeport.caller.MasterKeyAuthenticator
                                .wrongKey().toException())))
                .module((vx, cfg) -> BatchModule.open(vx, cfg, new BatchConfig(4, 60_000), Clock.systemUTC()))
                .start()) {
            BatchClient a = new BatchClient(keyed.base(), "sk-a");
            BatchClient b = new BatchClient(keyed.base(), "sk-b");
            JsonNode batch = a.start(BatchClient.lines("m", 1, 5));

            assertThat(a.get("/v1/batches/" + batch.path("id").asText()).statusCode()).isEqualTo(200);
            assertThat(b.get("/v1/batches/" + batch.path("id").asText()).statusCode()).isEqualTo(404);
            assertThat(b.get("/v1/files/" + batch.path("input_file_id").asText()).statusCode()).isEqualTo(404);
            assertThat(b.post("/v1/batches/" + batch.path("id").asText() + "/cancel", "").statusCode())
                    .isEqualTo(404);
            assertThat(TestGateway.json(b.get("/v1/batches").body()).path("data")).isEmpty();
        }
    }
}
