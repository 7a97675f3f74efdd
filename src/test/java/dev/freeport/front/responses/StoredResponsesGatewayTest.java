package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.RecordedRequest;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.freeport.front.responses.ResponsesHarness.events;
import static dev.freeport.front.responses.ResponsesHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Responses front keeps: previous_response_id continues a kept conversation (on each back-end format),
 * only for the key that created it; GET and DELETE of a kept response; cancel; input_tokens.
 */
class StoredResponsesGatewayTest {
    static final List<String> BACK_ENDS = ResponsesHarness.BACK_ENDS;
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

    private static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestGateway.json(r.body()).path("id").asText();
    }

    @ParameterizedTest
    @FieldSource("BACK_ENDS")
    void previousResponseIdSendsTheKeptConversationBeforeTheNewInput(String alias) {
        h.up.enqueue(Reply.ok("Nice to meet you, Ada."), Reply.ok("Your name is Ada."));
        String first = created(h.create(h.keyA, request(alias, "My name is Ada.").put("instructions", "Be brief")));

        HttpResponse<String> r = h.create(h.keyA, request(alias, "What is my name?")
                .put("previous_response_id", first));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(r.body());
        assertThat(body.path("previous_response_id").asText()).isEqualTo(first);
        assertThat(body.path("output_text").asText()).isEqualTo("Your name is Ada.");
        RecordedRequest upstream = h.upstream(2).get(1);
        String sent = upstream.rawBody();
        assertThat(sent).contains("My name is Ada.", "Nice to meet you, Ada.", "What is my name?");
        assertThat(sent.indexOf("My name is Ada.")).isLessThan(sent.indexOf("Nice to meet you, Ada."));
        assertThat(sent.indexOf("Nice to meet you, Ada.")).isLessThan(sent.indexOf("What is my name?"));
        assertThat(sent).as("instructions are not carried over").doesNotContain("Be brief");
    }

    @Test
    void aStreamedResponseIsKeptAsItsLastEventShowedIt() {
        h.up.enqueue(Reply.ok("streamed words"), Reply.ok("again"));
        HttpResponse<String> r = h.create(h.keyA, request("oa", "hi").put("stream", true));
        JsonNode completed = events(r.body()).getLast().path("response");
        String id = completed.path("id").asText();

        HttpResponse<String> got = h.call(h.keyA, "GET", "/v1/responses/" + id);

        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        assertThat(TestGateway.json(got.body())).isEqualTo(completed);
        HttpResponse<String> next = h.create(h.keyA, request("oa", "more").put("previous_response_id", id));
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(h.upstream(2).get(1).rawBody()).contains("streamed words");
    }

    @Test
    void anotherKeysResponseIdIsRefusedAsNotFound() {
        h.up.enqueue(Reply.ok("secret answer"));
        String id = created(h.create(h.keyA, request("oa", "tell me a secret")));

        HttpResponse<String> continued = h.create(h.keyB, request("oa", "and then?").put("previous_response_id", id));
        HttpResponse<String> got = h.call(h.keyB, "GET", "/v1/responses/" + id);
        HttpResponse<String> deleted = h.call(h.keyB, "DELETE", "/v1/responses/" + id);

        assertThat(continued.statusCode()).isEqualTo(400);
        JsonNode error = TestGateway.json(continued.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("previous_response_not_found");
        assertThat(error.path("param").asText()).isEqualTo("previous_response_id");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(got.statusCode()).isEqualTo(404);
        assertThat(got.body()).doesNotContain("secret answer");
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(h.up.requests()).as("no upstream call for the refused request").hasSize(1);
        assertThat(h.call(h.keyA, "GET", "/v1/responses/" + id).statusCode()).as("still the owner's").isEqualTo(200);
    }

    @Test
    void anUnknownPreviousResponseIdIsA400BeforeAnyUpstreamCall() {
        HttpResponse<String> r = h.create(h.keyA, request("oa", "hi").put("previous_response_id", "resp_nope"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(r.body()).at("/error/code").asText()).isEqualTo("previous_response_not_found");
        assertThat(h.up.requests()).isEmpty();
    }

    @Test
    void getReturnsTheKeptResponseAndDeleteRemovesIt() {
        h.up.enqueue(Reply.ok("kept"));
        HttpResponse<String> r = h.create(h.keyA, request("an", "keep this"));
        String id = created(r);

        HttpResponse<String> got = h.call(h.keyA, "GET", "/v1/responses/" + id);
        HttpResponse<String> deleted = h.call(h.keyA, "DELETE", "/v1/responses/" + id);
        HttpResponse<String> gone = h.call(h.keyA, "GET", "/v1/responses/" + id);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(got.body())).isEqualTo(TestGateway.json(r.body()));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(deleted.body()).toString())
                .isEqualTo("{\"id\":\"" + id + "\",\"object\":\"response\",\"deleted\":true}");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(gone.body()).at("/error/message").asText()).contains(id);
    }

    @Test
    void storeFalseKeepsNothing() {
        h.up.enqueue(Reply.ok("not kept"));
        String id = created(h.create(h.keyA, request("oa", "forget this").put("store", false)));

        assertThat(h.call(h.keyA, "GET", "/v1/responses/" + id).statusCode()).isEqualTo(404);
        HttpResponse<String> next = h.create(h.keyA, request("oa", "x").put("previous_response_id", id));
        assertThat(next.statusCode()).isEqualTo(400);
    }

    @Test
    void cancelOfAKeptResponseIsRefusedBecauseNothingRunsInTheBackground() {
        h.up.enqueue(Reply.ok("done already"));
        String id = created(h.create(h.keyA, request("oa", "hi")));

        HttpResponse<String> kept = h.call(h.keyA, "POST", "/v1/responses/" + id + "/cancel");
        HttpResponse<String> unknown = h.call(h.keyA, "POST", "/v1/responses/resp_unknown/cancel");

        assertThat(kept.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(kept.body()).at("/error/message").asText()).contains("background");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void inputTokensCountsTheInputAndTheKeptConversation() {
        h.up.enqueue(Reply.ok("A long answer about the history of the Roman Empire and its many emperors."));
        String id = created(h.create(h.keyA, request("oa", "Tell me about Rome.")));

        HttpResponse<String> alone = h.post(h.keyA, "/v1/responses/input_tokens",
                request("oa", "And Carthage?").toString());
        HttpResponse<String> continued = h.post(h.keyA, "/v1/responses/input_tokens",
                request("oa", "And Carthage?").put("previous_response_id", id).toString());
        HttpResponse<String> noModel = h.post(h.keyA, "/v1/responses/input_tokens", "{\"input\":\"hello\"}");

        assertThat(alone.statusCode()).as(alone.body()).isEqualTo(200);
        JsonNode a = TestGateway.json(alone.body());
        assertThat(a.path("object").asText()).isEqualTo("response.input_tokens");
        assertThat(a.path("input_tokens").asInt()).isPositive();
        assertThat(TestGateway.json(continued.body()).path("input_tokens").asInt())
                .isGreaterThan(a.path("input_tokens").asInt() + 10);
        assertThat(noModel.statusCode()).as(noModel.body()).isEqualTo(200);
        assertThat(h.up.requests()).as("counting calls no model").hasSize(1);
    }
}
