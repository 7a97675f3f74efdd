package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.freeport.api.ChatResult;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import dev.freeport.json.OwnBytes;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The caller's model name as the JSON string spliced into answers and chunks. */
class ModelFieldTest {

    @ParameterizedTest
    @ValueSource(strings = {"my-alias", "", "gpt-4o/mini:2024", "a\"b", "back\\slash", "tab\there", "müller", "名前",
            "\u007f", "emoji \uD83D\uDE00"})
    void quotedIsTheJsonStringJacksonWrites(String model) {
        assertThat(ModelField.quoted(model)).isEqualTo(Json.bytes(TextNode.valueOf(model)));
    }

    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"bench-upstream\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hi.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
            + "\"completion_tokens\":2,\"total_tokens\":5}}";

    /** The answer in a buffer of {@code room} bytes more than it needs; own or not. */
    private static ChatResult answer(Buffer buffer) {
        JsonBytes json = JsonBytes.of(buffer);
        AnswerScan.Answer scanned = AnswerScan.scan(json.array(), json.from(), json.to());
        return ChatResult.ofBytes(json, scanned.usage(), scanned.finishReason(), scanned.model(),
                OwnBytes.owns(buffer));
    }

    private static ChatResult own(int room) {
        return answer(OwnBytes.buffer(ANSWER.length() + room).appendString(ANSWER));
    }

    /** What the copying way writes: the received bytes with the name swapped (as Jackson would write the tree). */
    private static String expected(String model) {
        String quoted = new String(Json.bytes(TextNode.valueOf(model)), StandardCharsets.UTF_8);
        return ANSWER.replace("\"model\":\"bench-upstream\"", "\"model\":" + quoted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench", "bench-upstreams", "a-longer-alias-than-the-upstream-model-name", ""})
    void aNameThatFitsIsPutIntoTheAnswersOwnBytesWithoutACopy(String model) {
        ChatResult result = own(64);
        byte[] array = result.raw().array();
        Buffer out = ModelField.replace(result, model);
        assertThat(out.toString()).isEqualTo(expected(model));
        assertThat(result.raw().array()).isSameAs(array);
        assertThat(new String(array, 0, out.length(), StandardCharsets.UTF_8)).isEqualTo(expected(model));
    }

    @Test
    void theEditedAnswerIsWhatTheResultHoldsAfterwards() {
        ChatResult result = own(64);
        ModelField.replace(result, "alias");
        assertThat(new String(result.bytes(), StandardCharsets.UTF_8)).isEqualTo(expected("alias"));
        assertThat(ModelField.replace(result, "alias").toString()).isEqualTo(expected("alias"));
        assertThat(result.body().get("model").asText()).isEqualTo("alias");
    }

    /** What a holder took of the answer (the response cache) is a copy: a later edit in place does not change it. */
    @Test
    void theBytesHandedOutOfAnOwnAnswerAreNotEditedAfterwards() {
        ChatResult result = own(0);
        byte[] kept = result.bytes();
        ModelField.replace(result, "bench");
        assertThat(new String(kept, StandardCharsets.UTF_8)).isEqualTo(ANSWER);
    }

    @Test
    void aLongerNameThanTheRoomLeftIsCopiedAndTheAnswerLeftAsItCame() {
        ChatResult result = own(3);
        Buffer out = ModelField.replace(result, "bench-upstream-and-more");
        assertThat(out.toString()).isEqualTo(expected("bench-upstream-and-more"));
        assertThat(new String(result.bytes(), StandardCharsets.UTF_8)).isEqualTo(ANSWER);
    }

    @Test
    void bytesTheAnswerDoesNotOwnAreNeverEdited() {
        byte[] received = ANSWER.getBytes(StandardCharsets.UTF_8);
        ChatResult result = answer(Buffer.buffer(received));
        assertThat(result.ownsBytes()).isFalse();
        Buffer out = ModelField.replace(result, "bench");
        assertThat(out.toString()).isEqualTo(expected("bench"));
        assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(ANSWER);
    }

    @Test
    void aNameThatNeedsEscapingIsCopiedAsJacksonWritesIt() {
        ChatResult result = own(64);
        Buffer out = ModelField.replace(result, "m\u00fcller \"x\"");
        assertThat(out.toString()).isEqualTo(expected("m\u00fcller \"x\""));
        assertThat(new String(result.bytes(), StandardCharsets.UTF_8)).isEqualTo(ANSWER);
    }

    @Test
    void theSameNameLeavesTheBytesAsTheyCame() {
        ChatResult result = own(0);
        assertThat(ModelField.replace(result, "bench-upstream").toString()).isEqualTo(ANSWER);
    }

    /**
     * The in-place way allocates only the buffer that wraps the array; the copying way a second answer. Measured with
     * the thread's allocated bytes over many calls (the answer is 239 bytes).
     */
    @Test
    void puttingTheNameInPlaceAllocatesNoCopyOfTheAnswer() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ChatResult[] results = new ChatResult[20_000];
        String[] names = {"bench", "bench-upstream"};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < results.length; i++) {
                results[i] = own(64);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < results.length; i++) {
                ModelField.replace(results[i], names[i & 1]);
            }
            long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / results.length;
            if (round == 2) {
                assertThat(perCall).isLessThan(ANSWER.length());
            }
        }
    }
}
