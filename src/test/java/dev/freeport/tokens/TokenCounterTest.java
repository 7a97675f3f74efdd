package dev.freeport.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCounterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatRequest request(String body) throws Exception {
        return new ChatRequest("m", false, false, null, null,
                (ObjectNode) JSON.readTree(body.replace('\'', '"')));
    }

    @Test
    void usesCl100kBase() {
        assertThat(TokenCounter.encodingName()).isEqualTo("cl100k_base");
    }

    @Test
    void countsKnownCl100kTexts() {
        // tiktoken cl100k_base, as published in OpenAI's cookbook and tiktoken docs
        assertThat(TokenCounter.countText("hello world")).isEqualTo(2); // [15339, 1917]
        assertThat(TokenCounter.countText("Hello, world!")).isEqualTo(4); // [9906, 11, 1917, 0]
        assertThat(TokenCounter.countText("tiktoken is great!")).isEqualTo(6); // t ik token is great !
        assertThat(TokenCounter.countText("China is great!")).isEqualTo(4); // [23078, 374, 2294, 0]
        assertThat(TokenCounter.countText("antidisestablishmentarianism")).isEqualTo(6);
    }

    @Test
    void emptyAndNullCountZero() {
        assertThat(TokenCounter.countText("")).isZero();
        assertThat(TokenCounter.countText(null)).isZero();
    }

    @Test
    void specialTokenMarkersInTextAreCountedAsOrdinaryText() {
        assertThat(TokenCounter.countText("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void promptAddsPerMessageOverheadAndReplyPriming() throws Exception {
        // 3 per message + "user" (1) + "hello world" (2) + 3 priming
        assertThat(TokenCounter.countPrompt(request("{'messages':[{'role':'user','content':'hello world'}]}")))
                .isEqualTo(9);
    }

    @Test
    void nameCostsItsTokensPlusOne() throws Exception {
        int without = TokenCounter.countPrompt(request("{'messages':[{'role':'user','content':'hi'}]}"));
        int with = TokenCounter.countPrompt(request("{'messages':[{'role':'user','content':'hi','name':'bob'}]}"));
        assertThat(with - without).isEqualTo(TokenCounter.countText("bob") + 1);
    }

    @Test
    void textPartsCountLikePlainContent() throws Exception {
        int plain = TokenCounter.countPrompt(request("{'messages':[{'role':'user','content':'hello world'}]}"));
        int parts = TokenCounter.countPrompt(request(
                "{'messages':[{'role':'user','content':[{'type':'text','text':'hello world'}]}]}"));
        assertThat(parts).isEqualTo(plain);
    }

    @Test
    void imagesCountAFixedAmountByDetail() throws Exception {
        int base = TokenCounter.countPrompt(request("{'messages':[{'role':'user','content':[]}]}"));
        int high = TokenCounter.countPrompt(request("{'messages':[{'role':'user','content':["
                + "{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAA'}}]}]}"));
        int low = TokenCounter.countPrompt(request("{'messages':[{'role':'user','content':["
                + "{'type':'image_url','image_url':{'url':'https://x/y.png','detail':'low'}}]}]}"));
        assertThat(high - base).isEqualTo(TokenCounter.IMAGE_TOKENS);
        assertThat(low - base).isEqualTo(TokenCounter.IMAGE_TOKENS_LOW);
    }

    @Test
    void toolCallsCountNameAndArguments() throws Exception {
        int base = TokenCounter.countPrompt(request("{'messages':[{'role':'assistant','content':null}]}"));
        int with = TokenCounter.countPrompt(request("{'messages':[{'role':'assistant','content':null,"
                + "'tool_calls':[{'id':'call_1','type':'function','function':{'name':'get_weather',"
                + "'arguments':'{\\'city\\':\\'Paris\\'}'}}]}]}"));
        assertThat(with - base).isEqualTo(TokenCounter.countText("get_weather")
                + TokenCounter.countText("{'city':'Paris'}".replace('\'', '"')));
    }

    @Test
    void toolDefinitionsCountNameDescriptionSchemaAndOverhead() throws Exception {
        String msgs = "'messages':[{'role':'user','content':'hi'}]";
        int base = TokenCounter.countPrompt(request("{" + msgs + "}"));
        int with = TokenCounter.countPrompt(request("{" + msgs + ",'tools':[{'type':'function','function':"
                + "{'name':'f','description':'does f','parameters':{'type':'object'}}}]}"));
        assertThat(with - base).isEqualTo(TokenCounter.TOKENS_PER_TOOL + TokenCounter.TOKENS_TOOLS_END
                + TokenCounter.countText("f") + TokenCounter.countText("does f")
                + TokenCounter.countText("{\"type\":\"object\"}"));
    }

    @Test
    void embeddingInputsSumTheirTexts() {
        assertThat(TokenCounter.countEmbeddingInputs(List.of("hello world", "Hello, world!"))).isEqualTo(6);
    }

    @Test
    void concurrentCountsAgreeWithSequentialOnes() {
        String text = "The gateway adds microseconds, not milliseconds, to a request. ".repeat(20);
        int expected = TokenCounter.countText(text);
        assertThat(IntStream.range(0, 200).parallel().map(i -> TokenCounter.countText(text)).distinct().boxed()
                .toList()).containsExactly(expected);
    }

    @Test
    void thePromptBoundIsNeverBelowTheCount() throws Exception {
        for (String text : List.of("hello there", "naïve café déjà vu", "日本語のテキストです。", "emoji 🎉🚀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
                "for (int i = 0; i < n; i++) { sum += a[i]; }", "aaaa".repeat(500), "", " ")) {
            ObjectNode body = JSON.createObjectNode().put("model", "m");
            body.putArray("messages").addObject().put("role", "user").put("content", text);
            ChatRequest r = request(JSON.writeValueAsString(body).replace('"', '\''));
            assertThat(TokenCounter.promptUpperBound(r)).as(text).isGreaterThanOrEqualTo(TokenCounter.countPrompt(r));
        }
    }
}
