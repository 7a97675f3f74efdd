package dev.freeport.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.detect.Kind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GuardrailPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AKIAZ7QW2ERT5YUI3OPL";

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    private static GuardrailPlan plan(Map<Kind, Action> actions) {
        return GuardrailPlan.of(actions, ScanSettings.DEFAULT, Allowlist.NONE);
    }

    private static ObjectNode chat(String content) {
        ObjectNode b = JSON.createObjectNode().put("model", "m");
        b.putArray("messages").addObject().put("role", "user").put("content", content);
        return b;
    }

    @Test
    void anEmptyPlanReturnsTheSameBodyWithoutFindings() {
        ObjectNode b = chat("mail bob@mailbox.org");
        Guarded g = GuardrailPlan.EMPTY.apply(b);
        assertThat(g.body()).isSameAs(b);
        assertThat(g.findings().isEmpty()).isTrue();
        assertThat(GuardrailPlan.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void aBodyWithNothingToChangeIsReturnedAsItIs() {
        ObjectNode b = chat("hello there");
        assertThat(plan(Map.of(Kind.EMAIL, Action.MASK)).apply(b).body()).isSameAs(b);
    }

    @Test
    void masksWithTheKindsLabel() {
        Guarded g = plan(Map.of(Kind.EMAIL, Action.MASK)).apply(chat("mail bob@mailbox.org now"));
        assertThat(g.body().at("/messages/0/content").asText()).isEqualTo("mail [EMAIL] now");
        assertThat(g.vault().isEmpty()).isTrue();
    }

    @Test
    void neverMutatesTheInput() {
        ObjectNode b = chat("mail bob@mailbox.org now");
        String before = b.toString();
        plan(Map.of(Kind.EMAIL, Action.PSEUDONYMISE)).apply(b);
        assertThat(b.toString()).isEqualTo(before);
    }

    @Test
    void pseudonymisesTheSameValueWithTheSamePlaceholderAcrossMessages() throws Exception {
        ObjectNode b = body("{'messages':[{'role':'user','content':'a@mailbox.org, b@mailbox.org'},"
                + "{'role':'user','content':[{'type':'text','text':'again a@mailbox.org'}]}]}");
        Guarded g = plan(Map.of(Kind.EMAIL, Action.PSEUDONYMISE)).apply(b);
        assertThat(g.body().at("/messages/0/content").asText()).isEqualTo("<<EMAIL_1>>, <<EMAIL_2>>");
        assertThat(g.body().at("/messages/1/content/0/text").asText()).isEqualTo("again <<EMAIL_1>>");
        assertThat(g.vault().size()).isEqualTo(2);
    }

    @Test
    void blocksWithTheKindAndPositionButNotTheValue() {
        ObjectNode b = chat("my key is " + KEY);
        Guarded g = plan(Map.of(Kind.AWS_ACCESS_KEY_ID, Action.BLOCK)).apply(b);
        assertThat(g.blocked()).isTrue();
        assertThat(g.body()).isSameAs(b);
        assertThat(g.findings().blockMessage()).get().asString()
                .contains("an AWS access key id in /messages/0/content at characters 10-30").doesNotContain(KEY);
    }

    @Test
    void scansTheSystemPromptAndToolResults() throws Exception {
        ObjectNode b = body("{'system':'admin is ops@acme-corp.io','messages':[{'role':'tool','tool_call_id':'c1',"
                + "'content':'owner: eve@acme-corp.io'}]}");
        Guarded g = plan(Map.of(Kind.EMAIL, Action.MASK)).apply(b);
        assertThat(g.findings().all()).extracting(BodyFinding::pointer)
                .containsExactly("/system", "/messages/0/content");
    }

    @Test
    void rewritesToolCallArgumentsAsJsonAndKeepsThemValid() throws Exception {
        ObjectNode b = JSON.createObjectNode();
        ObjectNode m = b.putArray("messages").addObject().put("role", "assistant");
        m.putArray("tool_calls").addObject().put("id", "c1").put("type", "function").putObject("function")
                .put("name", "send").put("arguments", "{\"to\": \"Bob \\\"B\\\" <bob@mailbox.org>\", \"n\": 1}");
        Guarded g = plan(Map.of(Kind.EMAIL, Action.PSEUDONYMISE)).apply(b);
        String args = g.body().at("/messages/0/tool_calls/0/function/arguments").asText();
        assertThat(args).isEqualTo("{\"to\": \"Bob \\\"B\\\" <<<EMAIL_1>>>\", \"n\": 1}");
        assertThat(JSON.readTree(args).get("to").asText()).isEqualTo("Bob \"B\" <<<EMAIL_1>>>");
    }

    @Test
    void findsValuesHiddenBehindJsonEscapesInToolArguments() throws Exception {
        ObjectNode b = JSON.createObjectNode();
        b.putArray("messages").addObject().put("role", "assistant").putArray("tool_calls").addObject()
                .putObject("function").put("arguments", "{\"k\":\"-----BEGIN PRIVATE KEY-----\\n"
                        + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\"}");
        Guarded g = plan(Map.of(Kind.PRIVATE_KEY, Action.MASK)).apply(b);
        JsonNode args = JSON.readTree(g.body().at("/messages/0/tool_calls/0/function/arguments").asText());
        assertThat(args.get("k").asText()).isEqualTo("[PRIVATE_KEY]");
    }

    @Test
    void reportsOffsetsInTheRawArgumentsText() {
        ObjectNode b = JSON.createObjectNode();
        b.putArray("messages").addObject().put("role", "assistant").putArray("tool_calls").addObject()
                .putObject("function").put("arguments", "{\"a\":\"\\t\\tx@mailbox.org\"}");
        BodyFinding f = plan(Map.of(Kind.EMAIL, Action.MASK)).apply(b).findings().all().getFirst();
        assertThat(f.start()).isEqualTo(10);
        assertThat(f.end()).isEqualTo(23);
    }

    @Test
    void countsFindingsByKindWithoutValues() {
        Guarded g = plan(Map.of(Kind.EMAIL, Action.MASK, Kind.PHONE, Action.MASK))
                .apply(chat("a@mailbox.org b@mailbox.org +44 20 7946 0958"));
        assertThat(g.findings().countsByKind()).containsExactly(Map.entry(Kind.EMAIL, 2), Map.entry(Kind.PHONE, 1));
        assertThat(g.findings().toString()).doesNotContain("mailbox");
    }

    @Test
    void leavesKindsOutsideThePlanAlone() {
        Guarded g = plan(Map.of(Kind.PHONE, Action.MASK)).apply(chat("a@mailbox.org"));
        assertThat(g.findings().isEmpty()).isTrue();
    }
}
