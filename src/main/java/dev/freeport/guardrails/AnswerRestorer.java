package dev.freeport.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Restores pseudonyms in a complete answer (an OpenAI {@code chat.completion}): each choice's message
 * {@code content} (string or text parts), {@code reasoning_content}, {@code refusal}, and tool-call arguments
 * (restored as escaped JSON string content, so they stay valid JSON). Returns a new object when anything
 * changed, else the one given; never mutates it.
 */
public final class AnswerRestorer {
    private AnswerRestorer() {
    }

    public static ObjectNode completion(ObjectNode answer, Vault vault) {
        if (vault.isEmpty() || !(answer.get("choices") instanceof ArrayNode choices)) {
            return answer;
        }
        ObjectNode copy = null;
        for (int i = 0; i < choices.size(); i++) {
            JsonNode message = choices.get(i).get("message");
            if (message == null || !message.isObject()) {
                continue;
            }
            ObjectNode target = null;
            for (String field : new String[] {"content", "reasoning_content", "refusal"}) {
                JsonNode v = message.get(field);
                if (v != null && v.isTextual()) {
                    String r = vault.restore(v.textValue());
                    if (!r.equals(v.textValue())) {
                        copy = copy == null ? answer.deepCopy() : copy;
                        target = target == null ? message(copy, i) : target;
                        target.put(field, r);
                    }
                } else if (v != null && v.isArray()) {
                    for (int k = 0; k < v.size(); k++) {
                        JsonNode t = v.get(k).get("text");
                        if (t != null && t.isTextual() && !vault.restore(t.textValue()).equals(t.textValue())) {
                            copy = copy == null ? answer.deepCopy() : copy;
                            target = target == null ? message(copy, i) : target;
                            ((ObjectNode) target.get(field).get(k)).put("text", vault.restore(t.textValue()));
                        }
                    }
                }
            }
            JsonNode calls = message.get("tool_calls");
            if (calls != null && calls.isArray()) {
                for (int j = 0; j < calls.size(); j++) {
                    JsonNode args = calls.get(j).path("function").get("arguments");
                    if (args != null && args.isTextual()) {
                        String r = vault.restoreJson(args.textValue());
                        if (!r.equals(args.textValue())) {
                            copy = copy == null ? answer.deepCopy() : copy;
                            target = target == null ? message(copy, i) : target;
                            ((ObjectNode) target.get("tool_calls").get(j).get("function")).put("arguments", r);
                        }
                    }
                }
            }
        }
        return copy == null ? answer : copy;
    }

    private static ObjectNode message(ObjectNode copy, int choice) {
        return (ObjectNode) copy.get("choices").get(choice).get("message");
    }
}
