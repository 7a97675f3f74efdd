package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.freeport.front.responses.ResponsesHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input and failures at {@code /v1/responses}: a clear error in OpenAI's shape with the right status. */
class ResponsesErrorsGatewayTest {
    private static ResponsesHarness h;

    @BeforeAll
    static void start() {
        h = new ResponsesHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void fresh() {
        h.up.clear();
    }

    private static JsonNode error(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode e = TestGateway.json(r.body()).path("error");
        assertThat(e.path("message").asText()).isNotBlank();
        assertThat(e.has("type")).isTrue();
        return e;
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        assertThat(error(h.post(h.keyA, "/v1/responses", "{\"model\":"), 400).path("type").asText())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void aMissingInputIsA400NamingIt() {
        assertThat(error(h.post(h.keyA, "/v1/responses", "{\"model\":\"oa\"}"), 400).path("param").asText())
                .isEqualTo("input");
    }

    @Test
    void anUnknownModelIsA404ListingTheCallersModels() {
        JsonNode e = error(h.create(h.keyA, request("gpt-nope", "hi")), 404);
        assertThat(e.path("code").asText()).isEqualTo("model_not_found");
        assertThat(e.path("message").asText()).contains("oa");
    }

    @Test
    void aRequestWithoutAKeyIsA401BeforeItsBodyIsRead() {
        HttpResponse<String> r = h.gw.post("/v1/responses", request("oa", "hi").toString());
        error(r, 401);
        assertThat(error(h.gw.get("/v1/responses/resp_x"), 401).path("code").asText()).isEqualTo("missing_api_key");
    }

    @Test
    void backgroundModeIsRefusedNamingTheField() {
        assertThat(error(h.create(h.keyA, request("oa", "hi").put("background", true)), 400).path("param").asText())
                .isEqualTo("background");
    }

    @Test
    void aBuiltInToolNoBackEndRunsIsRefusedNamingIt() {
        var body = request("oa", "search my files");
        body.putArray("tools").addObject().put("type", "file_search").putArray("vector_store_ids").add("vs_1");
        assertThat(error(h.create(h.keyA, body), 400).path("message").asText()).contains("file_search");
        assertThat(h.up.requests()).isEmpty();
    }

    @Test
    void anUpstreamFailureBeforeTheStreamStartedIsAnHttpErrorNotAnEventStream() {
        h.up.setDefault(Reply.status(500));
        try {
            HttpResponse<String> r = h.create(h.keyA, request("oa", "hi").put("stream", true));
            assertThat(error(r, 502).path("type").asText()).isNotBlank();
        } finally {
            h.up.setDefault(Reply.ok("Hello from the fake upstream."));
        }
    }

    @Test
    void postOnAResponseIdIsA405NamingTheAllowedMethods() {
        HttpResponse<String> r = h.post(h.keyA, "/v1/responses/resp_1", "{}");
        error(r, 405);
        assertThat(r.headers().firstValue("allow").orElse("")).contains("GET").contains("DELETE");
    }

    @Test
    void aMalformedInputTokensBodyIsA400() {
        assertThat(error(h.post(h.keyA, "/v1/responses/input_tokens", "{\"input\":42}"), 400).path("param").asText())
                .isEqualTo("input");
    }
}
