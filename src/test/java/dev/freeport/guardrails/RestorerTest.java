package dev.freeport.guardrails;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.detect.Kind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RestorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A vault holding <<EMAIL_1>> = bob@mailbox.org and <<EMAIL_2>> = "q"@mailbox.org-like value with a quote. */
    private static Vault vault() {
        ObjectNode b = JSON.createObjectNode();
        b.putArray("messages").addObject().put("role", "user")
                .put("content", "bob@mailbox.org and x\"y@mailbox.org");
        return GuardrailPlan.of(Map.of(Kind.EMAIL, Action.PSEUDONYMISE), ScanSettings.DEFAULT, Allowlist.NONE)
                .apply(b).vault();
    }

    @Test
    void restoresPlaceholdersInPlainText() {
        assertThat(vault().restore("Hi <<EMAIL_1>>!")).isEqualTo("Hi bob@mailbox.org!");
    }

    @Test
    void leavesUnknownPlaceholdersAsTheyAre() {
        assertThat(vault().restore("<<EMAIL_9>> <<PHONE_1>>")).isEqualTo("<<EMAIL_9>> <<PHONE_1>>");
    }

    @Test
    void neverPrintsValuesInToString() {
        assertThat(vault().toString()).isEqualTo("Vault[2 pseudonyms]");
    }

    @Test
    void escapesOriginalsRestoredIntoJson() throws Exception {
        Vault v = vault();
        String json = v.restoreJson("{\"to\":\"<<EMAIL_2>>\"}");
        assertThat(JSON.readTree(json).get("to").asText()).isEqualTo(v.restore("<<EMAIL_2>>"));
    }

    @Test
    void restoresACompleteAnswersContentAndToolArguments() throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree("{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Sent to <<EMAIL_1>>\",\"tool_calls\":[{\"id\":"
                + "\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"to\\\":\\\"<<EMAIL_1>>\\\"}\"}}]}}]}");
        ObjectNode out = AnswerRestorer.completion(answer, vault());
        assertThat(out.at("/choices/0/message/content").asText()).isEqualTo("Sent to bob@mailbox.org");
        assertThat(out.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"to\":\"bob@mailbox.org\"}");
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Sent to <<EMAIL_1>>");
    }

    @Test
    void restoresAPlaceholderSplitAcrossDeltas() {
        StreamRestorer r = vault().streamRestorer(false);
        String out = r.feed("Hi <") + r.feed("<EMA") + r.feed("IL_1>") + r.feed("> bye") + r.finish();
        assertThat(out).isEqualTo("Hi bob@mailbox.org bye");
    }

    @Test
    void holdsBackOnlyWhatCouldStillBecomeAPlaceholder() {
        StreamRestorer r = vault().streamRestorer(false);
        assertThat(r.feed("a < b <<EMA")).isEqualTo("a < b ");
        assertThat(r.feed("X")).isEqualTo("<<EMAX");
        assertThat(r.holding()).isFalse();
    }

    @Test
    void releasesAnUnfinishedPlaceholderAtTheEnd() {
        StreamRestorer r = vault().streamRestorer(false);
        assertThat(r.feed("cut <<EMAIL_")).isEqualTo("cut ");
        assertThat(r.finish()).isEqualTo("<<EMAIL_");
    }

    @Test
    void escapesOriginalsInToolArgumentStreams() throws Exception {
        Vault v = vault();
        StreamRestorer r = v.streamRestorer(true);
        String args = r.feed("{\"to\":\"<<EMA") + r.feed("IL_2>>\"}") + r.finish();
        assertThat(JSON.readTree(args).get("to").asText()).isEqualTo(v.restore("<<EMAIL_2>>"));
    }

    @Test
    void restoresChunksAndReleasesHeldTextWithTheFinishReason() throws Exception {
        ChunkRestorer r = new ChunkRestorer(vault());
        ObjectNode c1 = (ObjectNode) JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"to <<EMAIL_1\"},"
                + "\"finish_reason\":null}]}");
        ObjectNode c2 = (ObjectNode) JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\">> <<\"},"
                + "\"finish_reason\":null}]}");
        ObjectNode c3 = (ObjectNode) JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        String text = r.restore(c1).at("/choices/0/delta/content").asText()
                + r.restore(c2).at("/choices/0/delta/content").asText()
                + r.restore(c3).at("/choices/0/delta/content").asText();
        assertThat(text).isEqualTo("to bob@mailbox.org <<");
    }

    @Test
    void restoresToolCallArgumentDeltasPerToolCall() throws Exception {
        ChunkRestorer r = new ChunkRestorer(vault());
        ObjectNode c1 = (ObjectNode) JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
                + "{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\\\"<<EMA\"}},"
                + "{\"index\":1,\"function\":{\"arguments\":\"{\\\"b\\\":\\\"<<EMAIL_2>>\\\"}\"}}]}}]}");
        ObjectNode c2 = (ObjectNode) JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
                + "{\"index\":0,\"function\":{\"arguments\":\"IL_1>>\\\"}\"}}]}}]}");
        ObjectNode o1 = r.restore(c1);
        ObjectNode o2 = r.restore(c2);
        String first = o1.at("/choices/0/delta/tool_calls/0/function/arguments").asText()
                + o2.at("/choices/0/delta/tool_calls/0/function/arguments").asText();
        assertThat(first).isEqualTo("{\"a\":\"bob@mailbox.org\"}");
        assertThat(JSON.readTree(o1.at("/choices/0/delta/tool_calls/1/function/arguments").asText()).get("b").asText())
                .endsWith("@mailbox.org");
    }

    @Test
    void flushesHeldTextWhenAStreamEndsWithoutAFinishReason() throws Exception {
        ChunkRestorer r = new ChunkRestorer(vault());
        r.restore((ObjectNode) JSON.readTree("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<<EM\"}}]}"));
        ObjectNode last = r.flush((ObjectNode) JSON.readTree("{\"id\":\"x\",\"object\":\"chat.completion.chunk\"}"));
        assertThat(last.at("/choices/0/delta/content").asText()).isEqualTo("<<EM");
        assertThat(r.holding()).isFalse();
    }

    @Test
    void passesAChunkWithNothingToRestoreThroughUncopied() throws Exception {
        ChunkRestorer r = new ChunkRestorer(vault());
        ObjectNode c = (ObjectNode) JSON.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"plain\"}}]}");
        assertThat(r.restore(c)).isSameAs(c);
    }
}
