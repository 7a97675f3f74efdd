package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The deterministic checks of one answer against the request it answers: empty, truncated (finish reason
 * {@code length}), JSON output that does not parse or does not validate against the requested schema
 * ({@code response_format}), tool calls that name a tool the request did not offer or whose arguments do not
 * validate against its parameters' schema, refusals, and an answer in another language than the prompt's
 * ({@link Languages}; not for JSON output, nor when the prompt asks for a translation). A truncated answer is counted as truncated, not also as
 * broken JSON (the cut is the cause). Pure; schemas are validated by {@link Schemas}.
 */
public final class Checks {
    /** What can be wrong with an answer. */
    public enum Failure {
        EMPTY, TRUNCATED, BAD_JSON, BAD_TOOL_CALL, REFUSAL, WRONG_LANGUAGE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern REFUSAL = Pattern.compile("^\\s*(i'?m sorry|sorry,|i cannot|i can'?t|i am unable"
            + "|i'?m unable|i won'?t|as an ai)[^.]{0,80}(help|assist|comply|provide|do that|with that)",
            Pattern.CASE_INSENSITIVE);

    private Checks() {
    }

    /** The checks {@code answer} (an OpenAI chat completion) fails for {@code request}; empty when none. */
    public static Set<Failure> of(ObjectNode request, ObjectNode answer) {
        EnumSet<Failure> out = EnumSet.noneOf(Failure.class);
        if (answer == null) {
            out.add(Failure.EMPTY);
            return out;
        }
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        String content = message.path("content").isTextual() ? message.path("content").textValue() : "";
        JsonNode calls = message.path("tool_calls");
        boolean hasCalls = calls.isArray() && !calls.isEmpty();
        if (content.isBlank() && !hasCalls) {
            out.add(Failure.EMPTY);
        }
        if ("length".equals(choice.path("finish_reason").asText(null))) {
            out.add(Failure.TRUNCATED);
        }
        if (message.path("refusal").isTextual() || REFUSAL.matcher(content).find()) {
            out.add(Failure.REFUSAL);
        }
        if (!content.isBlank() && !out.contains(Failure.TRUNCATED) && !json(request, content)) {
            out.add(Failure.BAD_JSON);
        }
        if (hasCalls && !toolCalls(request, calls)) {
            out.add(Failure.BAD_TOOL_CALL);
        }
        if (!content.isBlank() && !asksForJson(request) && wrongLanguage(request, content)) {
            out.add(Failure.WRONG_LANGUAGE);
        }
        return out;
    }

    /**
     * The answer's language ({@link Languages}) is known and differs from the last user message's, and the prompt
     * did not ask for a translation.
     */
    private static boolean wrongLanguage(ObjectNode request, String content) {
        String prompt = ReportBuilder.lastUser(request);
        String asked = Languages.of(prompt);
        if (asked == null || Languages.asksForTranslation(prompt)) {
            return false;
        }
        String answered = Languages.of(content);
        return answered != null && !answered.equals(asked);
    }

    /** Whether the request asked for JSON output. */
    public static boolean asksForJson(ObjectNode request) {
        String type = request.path("response_format").path("type").asText("");
        return type.equals("json_object") || type.equals("json_schema");
    }

    /** Whether the request offered tools. */
    public static boolean offersTools(ObjectNode request) {
        return request.path("tools").isArray() && !request.path("tools").isEmpty();
    }

    /** JSON output, when asked for: parses, and validates against the schema when one was given. */
    private static boolean json(ObjectNode request, String content) {
        if (!asksForJson(request)) {
            return true;
        }
        JsonNode value = parse(content);
        if (value == null) {
            return false;
        }
        JsonNode schema = request.path("response_format").path("json_schema").path("schema");
        return !schema.isObject() || Schemas.valid(schema, value);
    }

    /** Every call names an offered function and its arguments parse and validate against its parameters. */
    private static boolean toolCalls(ObjectNode request, JsonNode calls) {
        for (JsonNode call : calls) {
            String name = call.path("function").path("name").asText("");
            JsonNode tool = offered(request, name);
            if (tool == null) {
                return false;
            }
            JsonNode args = parse(call.path("function").path("arguments").asText(""));
            if (args == null) {
                return false;
            }
            JsonNode schema = tool.path("function").path("parameters");
            if (schema.isObject() && !Schemas.valid(schema, args)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode offered(ObjectNode request, String name) {
        for (JsonNode t : request.path("tools")) {
            if (name.equals(t.path("function").path("name").asText(null))) {
                return t;
            }
        }
        return null;
    }

    private static JsonNode parse(String text) {
        String t = text.strip();
        if (t.startsWith("```")) { // a fenced block: models often wrap JSON in one
            t = t.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        try {
            return Json.MAPPER.readTree(t);
        } catch (Exception e) {
            return null;
        }
    }
}
