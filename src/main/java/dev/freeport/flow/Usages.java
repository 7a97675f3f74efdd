package dev.freeport.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Usage;
import dev.freeport.dialect.openai.OpenAiUsage;
import dev.freeport.tokens.TokenCounter;

import java.util.Map;
import java.util.function.Supplier;

/** Reading OpenAI usage objects, and counting tokens when an upstream reported none. */
final class Usages {
    private Usages() {
    }

    static Usage fromOpenAi(JsonNode u) {
        return OpenAiUsage.from(u);
    }

    /**
     * The reported usage if there is one, else Freeport's count of prompt and output, marked estimated; server-tool
     * calls the answer was seen to make (a Kimi {@code $web_search} counted on an answer without usage) are kept.
     */
    /** A non-streamed answer's usage, or its estimate (with no supplier made when the answer reported it). */
    static Usage orEstimate(ChatResult result, ChatRequest request) {
        Usage reported = result.usage();
        if (reported != null && !reported.isEmpty()) {
            return reported;
        }
        return orEstimate(reported, request, () -> answerText(result.body()));
    }

    static Usage orEstimate(Usage reported, ChatRequest request, Supplier<String> outputText) {
        if (reported != null && !reported.isEmpty()) {
            return reported;
        }
        String text = outputText.get();
        return new Usage(TokenCounter.countPrompt(request), text == null ? 0 : TokenCounter.countText(text), 0, 0, 0,
                true, 0, reported == null ? Map.of() : reported.serverToolCalls());
    }

    /** The text of a non-streamed answer (content, reasoning, tool arguments), for counting. */
    static String answerText(JsonNode body) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode choice : body.path("choices")) {
            JsonNode m = choice.path("message");
            if (m.path("content").isTextual()) {
                sb.append(m.path("content").textValue());
            }
            if (m.path("reasoning_content").isTextual()) {
                sb.append(m.path("reasoning_content").textValue());
            }
            for (JsonNode call : m.path("tool_calls")) {
                sb.append(call.path("function").path("name").asText(""));
                sb.append(call.path("function").path("arguments").asText(""));
            }
        }
        return sb.toString();
    }
}
