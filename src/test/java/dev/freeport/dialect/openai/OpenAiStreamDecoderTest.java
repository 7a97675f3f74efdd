package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.openai.Wire;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiStreamDecoderTest {

    private static List<StreamItem> decode(String preset, String file) {
        return Wire.decode(Wire.codec(preset), Wire.bytes(file));
    }

    private static UpstreamFailure failure(List<StreamItem> items) {
        assertThat(items.getLast()).isInstanceOf(StreamItem.Failed.class);
        return ((StreamItem.Failed) items.getLast()).failure();
    }

    @Test
    void passesChunksThroughAndEndsOnDone() throws Exception {
        List<StreamItem> items = decode("openai", "stream-usage.sse");
        assertThat(items).hasSize(7);
        assertThat(items.getLast()).isEqualTo(StreamItem.END);
        List<ObjectNode> chunks = Wire.chunks(items);
        String[] lines = new String(Wire.bytes("stream-usage.sse"), StandardCharsets.UTF_8).split("\n\n");
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i)).isEqualTo(Wire.JSON.readTree(lines[i].substring("data: ".length())));
        }
    }

    @Test
    void deliversUsageChunkWithEmptyChoices() {
        ObjectNode last = Wire.chunks(decode("openai", "stream-usage.sse")).getLast();
        assertThat(last.get("choices")).isEmpty();
        assertThat(OpenAiUsage.from(last.get("usage"))).isEqualTo(Usage.of(12, 11));
    }

    @Test
    void keepsParallelToolCallArgumentDeltas() {
        List<ObjectNode> chunks = Wire.chunks(decode("openai", "stream-parallel-tools.sse"));
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (ObjectNode c : chunks) {
            for (var tc : c.at("/choices/0/delta/tool_calls")) {
                (tc.get("index").asInt() == 0 ? first : second).append(tc.at("/function/arguments").asText());
            }
        }
        assertThat(first.toString()).isEqualTo("{\"location\": \"Paris, France\"}");
        assertThat(second.toString()).isEqualTo("{\"location\": \"Tokyo, Japan\"}");
        assertThat(chunks.get(3).at("/choices/0/delta/tool_calls/0/id").asText())
                .isEqualTo("call_Gh6iJ7kL8mN9oP0qR1sT2uV3");
    }

    @Test
    void keepsDeepSeekReasoningContentAndCacheHits() {
        List<StreamItem> items = decode("deepseek", "deepseek-reasoner.sse");
        List<ObjectNode> chunks = Wire.chunks(items);
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (ObjectNode c : chunks) {
            reasoning.append(c.at("/choices/0/delta/reasoning_content").asText(""));
            content.append(c.at("/choices/0/delta/content").asText(""));
        }
        assertThat(reasoning.toString()).startsWith("Okay, 9.11 versus 9.8");
        assertThat(content.toString()).isEqualTo("9.8 is greater.");
        Usage u = OpenAiUsage.from(chunks.getLast().get("usage"));
        assertThat(u).isEqualTo(new Usage(85, 302, 64, 0, 298, false));
        assertThat(items.getLast()).isEqualTo(StreamItem.END);
    }

    @Test
    void decodesQwenStreamWithReasoningAndUsage() {
        List<StreamItem> items = decode("qwen", "qwen-stream.sse");
        List<ObjectNode> chunks = Wire.chunks(items);
        assertThat(chunks).hasSize(7);
        assertThat(chunks.get(1).at("/choices/0/delta/reasoning_content").asText()).isEqualTo("用户问的是");
        assertThat(OpenAiUsage.from(chunks.getLast().get("usage")).reasoningTokens()).isEqualTo(27);
        assertThat(items.getLast()).isEqualTo(StreamItem.END);
    }

    @Test
    void addsStandardUsageChunkForKimiChoiceUsage() {
        List<StreamItem> items = decode("moonshot", "kimi-stream.sse");
        List<ObjectNode> chunks = Wire.chunks(items);
        assertThat(chunks).hasSize(5);
        ObjectNode added = chunks.getLast();
        assertThat(added.get("choices")).isEmpty();
        assertThat(added.get("id").asText()).isEqualTo("chatcmpl-6837a2c1d4e5f6a7b8c9d0e1");
        assertThat(OpenAiUsage.from(added.get("usage"))).isEqualTo(new Usage(2989, 11, 2816, 0, 0, false));
        assertThat(items.getLast()).isEqualTo(StreamItem.END);
    }

    @Test
    void addsNoUsageChunkWhenTopLevelUsageCame() {
        String sse = "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\","
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}]}\n\n"
                + "data: {\"id\":\"a\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n"
                + "data: [DONE]\n\n";
        List<StreamItem> items = Wire.decode(Wire.codec("moonshot"), sse.getBytes(StandardCharsets.UTF_8));
        assertThat(Wire.chunks(items)).hasSize(2);
    }

    @Test
    void inBandErrorChunkCutsTheStream() {
        List<StreamItem> items = decode("openrouter", "openrouter-inband-error.sse");
        assertThat(Wire.chunks(items)).hasSize(1);
        UpstreamFailure f = failure(items);
        assertThat(f.kind()).isEqualTo(FailureKind.STREAM_CUT);
        assertThat(f.message()).isEqualTo("openrouter: error in stream: Provider disconnected unexpectedly");
        assertThat(f.upstreamCode()).isEqualTo("server_error");
        assertThat(items).filteredOn(StreamItem.Failed.class::isInstance).hasSize(1);
    }

    @Test
    void vllmErrorObjectCutsTheStream() {
        UpstreamFailure f = failure(decode("vllm", "vllm-inband-error.sse"));
        assertThat(f.kind()).isEqualTo(FailureKind.STREAM_CUT);
        assertThat(f.message()).contains("maximum model length of 32768");
        assertThat(f.upstreamType()).isEqualTo("BadRequestError");
    }

    @Test
    void sseErrorEventCutsTheStream() {
        String sse = "data: {\"id\":\"a\",\"choices\":[]}\n\n"
                + "event: error\ndata: {\"message\":\"slot unavailable\"}\n\n";
        UpstreamFailure f = failure(Wire.decode(Wire.codec("sglang"), sse.getBytes(StandardCharsets.UTF_8)));
        assertThat(f.message()).isEqualTo("sglang: error in stream: slot unavailable");
    }

    @Test
    void closeBeforeDoneIsStreamCut() {
        List<StreamItem> items = decode("openai", "stream-cut.sse");
        assertThat(Wire.chunks(items)).hasSize(2);
        UpstreamFailure f = failure(items);
        assertThat(f.kind()).isEqualTo(FailureKind.STREAM_CUT);
        assertThat(f.message()).isEqualTo("openai: upstream closed the stream before [DONE]");
    }

    @Test
    void malformedChunkCutsTheStream() {
        List<StreamItem> items = decode("openai", "malformed-chunk.sse");
        assertThat(Wire.chunks(items)).hasSize(1);
        UpstreamFailure f = failure(items);
        assertThat(f.kind()).isEqualTo(FailureKind.STREAM_CUT);
        assertThat(f.message()).startsWith("openai: malformed chunk");
        assertThat(items).filteredOn(i -> i instanceof StreamItem.End).isEmpty();
    }

    @Test
    void llamaCppCloseAfterFinishReasonEnds() {
        List<StreamItem> items = decode("llamacpp", "llamacpp-no-done.sse");
        assertThat(Wire.chunks(items)).hasSize(3);
        assertThat(items.getLast()).isEqualTo(StreamItem.END);
    }

    @Test
    void llamaCppCloseBeforeFinishReasonIsCut() {
        assertThat(failure(decode("llamacpp", "stream-cut.sse")).kind()).isEqualTo(FailureKind.STREAM_CUT);
    }

    @Test
    void otherPresetsNeedDoneEvenAfterFinishReason() {
        assertThat(failure(decode("ollama", "llamacpp-no-done.sse")).message()).contains("before [DONE]");
    }

    @Test
    void ignoresInputAfterTerminalItem() {
        byte[] sse = "data: [DONE]\n\ndata: {\"id\":\"late\",\"choices\":[]}\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Wire.decode(Wire.codec("openai"), sse)).containsExactly(StreamItem.END);
    }
}
