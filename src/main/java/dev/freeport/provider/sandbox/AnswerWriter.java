package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.tokens.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a simulated model's answer: a pure function of the request body, a seed derived from it and the output
 * token cap. Text answers echo a few words of the last user message and then ramble deterministically; requests
 * with tools get tool calls with schema-valid arguments; a tool result gets a text answer that quotes it; JSON
 * response formats get valid JSON.
 */
final class AnswerWriter {
    private static final Pattern LETTERS = Pattern.compile("\\p{L}{4,}");
    private static final int ECHO_WORDS = 4;
    private static final int RESULT_WORDS = 12;

    private final JsonNode body;
    private final long seed;
    private final int cap;
    private final SplittableRandom random;
    private final List<String> pieces = new ArrayList<>();
    private int tokens;
    private boolean cutOff;

    private AnswerWriter(JsonNode body, long seed, int cap) {
        this.body = body;
        this.seed = seed;
        this.cap = Math.max(1, cap);
        this.random = new SplittableRandom(seed);
    }

    /**
     * The answer to {@code body} (an OpenAI chat request).
     *
     * @throws dev.freeport.provider.UpstreamException CLIENT_ERROR when tool_choice names a tool not in tools
     */
    static Answer write(JsonNode body, long seed, int cap) {
        return new AnswerWriter(body, seed, cap).answer();
    }

    private Answer answer() {
        JsonNode messages = body.path("messages");
        JsonNode last = messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1)
                : MissingNode.getInstance();
        boolean lastIsTool = "tool".equals(last.path("role").asText());
        JsonNode tools = body.path("tools");
        JsonNode choice = body.path("tool_choice");
        if (tools.isArray() && !tools.isEmpty() && !"none".equals(choice.asText()) && !lastIsTool) {
            return toolCalls(tools, choice);
        }
        if (lastIsTool) {
            return toolResultText(messages, last);
        }
        String format = body.path("response_format").path("type").asText("text");
        if ("json_object".equals(format) || "json_schema".equals(format)) {
            return json(format, messages);
        }
        for (String w : List.of("You", " asked", " about")) {
            add(w, TokenCounter.countText(w));
        }
        for (String w : echoWords(lastUserText(messages), ECHO_WORDS)) {
            add(" " + w, TokenCounter.countText(" " + w));
        }
        add(".", 1);
        return ramble();
    }

    private Answer toolCalls(JsonNode tools, JsonNode choice) {
        List<JsonNode> chosen = new ArrayList<>(2);
        if (choice.isObject()) {
            String wanted = choice.path("function").path("name").asText();
            for (JsonNode t : tools) {
                if (wanted.equals(t.path("function").path("name").asText())) {
                    chosen.add(t);
                    break;
                }
            }
            if (chosen.isEmpty()) {
                throw UpstreamFailure.of(FailureKind.CLIENT_ERROR, 400,
                        "tool_choice names function '" + wanted + "', which is not in tools").toException();
            }
        } else {
            chosen.add(tools.get(0));
            if (tools.size() >= 2 && body.path("parallel_tool_calls").asBoolean(true)) {
                chosen.add(tools.get(1));
            }
        }
        List<Answer.ToolCall> calls = new ArrayList<>(chosen.size());
        int outTokens = 0;
        for (int i = 0; i < chosen.size(); i++) {
            JsonNode fn = chosen.get(i).path("function");
            String name = fn.path("name").asText();
            JsonNode params = fn.path("parameters");
            JsonNode args = params.isObject()
                    ? new SchemaSampler(params, Mix.combine(seed, i)).sample() : JsonNodeFactory.instance.objectNode();
            if (!args.isObject()) {
                args = JsonNodeFactory.instance.objectNode();
            }
            String arguments = args.toString();
            calls.add(new Answer.ToolCall(callId(i), name, arguments));
            outTokens += TokenCounter.countText(name) + TokenCounter.countText(arguments);
        }
        return new Answer(List.of(), List.copyOf(calls), "tool_calls", outTokens);
    }

    private Answer toolResultText(JsonNode messages, JsonNode toolMessage) {
        String name = toolName(messages, toolMessage.path("tool_call_id").asText(""));
        add("The", 1);
        add(" tool", 1);
        if (name != null) {
            add(" " + name, TokenCounter.countText(" " + name));
        }
        add(" returned", TokenCounter.countText(" returned"));
        add(":", 1);
        String[] words = text(toolMessage.path("content")).trim().split("\\s+");
        for (int i = 0; i < Math.min(RESULT_WORDS, words.length); i++) {
            if (!words[i].isEmpty()) {
                add(" " + words[i], TokenCounter.countText(" " + words[i]));
            }
        }
        add(".", 1);
        return ramble();
    }

    private Answer json(String format, JsonNode messages) {
        JsonNode value;
        JsonNode schema = body.path("response_format").path("json_schema").path("schema");
        if ("json_schema".equals(format) && schema.isObject()) {
            value = new SchemaSampler(schema, seed).sample();
        } else {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            List<String> echo = echoWords(lastUserText(messages), ECHO_WORDS);
            o.put("topic", echo.isEmpty() ? "general" : String.join(" ", echo));
            o.put("answer", Words.capitalise(Words.phrase(random, 6 + random.nextInt(10))) + ".");
            value = o;
        }
        String json = value.toString();
        int count = TokenCounter.countText(json);
        String finish = "stop";
        if (count > cap) {
            int lo = 0;
            int hi = json.length();
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (TokenCounter.countText(json.substring(0, mid)) <= cap) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            json = json.substring(0, lo);
            count = TokenCounter.countText(json);
            finish = "length";
        }
        return new Answer(fragments(json), List.of(), finish, count);
    }

    /** Adds sentences until the natural length is reached (stop) or the cap cuts the text (length). */
    private Answer ramble() {
        int target = 16 + random.nextInt(112);
        boolean cut = cutOff;
        while (!cut && tokens < target) {
            int words = 5 + random.nextInt(10);
            for (int w = 0; w < words && !cut; w++) {
                int idx = Words.index(random);
                String word = w == 0 ? Words.capitalise(Words.WORDS[idx]) : Words.WORDS[idx];
                cut = !add(" " + word, Words.tokens(idx, w == 0));
            }
            cut = cut || !add(".", 1);
        }
        String content = String.join("", pieces);
        return new Answer(List.copyOf(pieces), List.of(), cut ? "length" : "stop", TokenCounter.countText(content));
    }

    /** Adds a piece if it fits the cap; false (and the answer is cut) when it does not. */
    private boolean add(String piece, int pieceTokens) {
        if (cutOff || tokens + pieceTokens > cap) {
            cutOff = true;
            return false;
        }
        pieces.add(piece);
        tokens += pieceTokens;
        return true;
    }

    private String callId(int i) {
        String digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder sb = new StringBuilder("call_");
        SplittableRandom r = new SplittableRandom(Mix.combine(seed, 1000 + i));
        for (int k = 0; k < 24; k++) {
            sb.append(digits.charAt(r.nextInt(digits.length())));
        }
        return sb.toString();
    }

    static List<String> fragments(String s) {
        List<String> out = new ArrayList<>(s.length() / 4 + 1);
        int i = 0;
        while (i < s.length()) {
            int end = Math.min(s.length(), i + 4);
            if (end < s.length() && Character.isLowSurrogate(s.charAt(end))) {
                end++;
            }
            out.add(s.substring(i, end));
            i = end;
        }
        return out;
    }

    private static String toolName(JsonNode messages, String callId) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            for (JsonNode call : messages.get(i).path("tool_calls")) {
                if (callId.equals(call.path("id").asText())) {
                    return call.path("function").path("name").asText(null);
                }
            }
        }
        return null;
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return text(messages.get(i).path("content"));
            }
        }
        return "";
    }

    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                sb.append(part.path("text").asText()).append(' ');
            }
        }
        return sb.toString();
    }

    private static List<String> echoWords(String text, int max) {
        List<String> out = new ArrayList<>(max);
        Matcher m = LETTERS.matcher(text);
        while (out.size() < max && m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
