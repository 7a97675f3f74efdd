package dev.freeport.guardrails;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.detect.Finding;
import dev.freeport.guardrails.detect.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a plan to a canonical request (an OpenAI chat-completions body). Scanned: {@code system} (string or
 * text parts), each message's {@code content} (string, or the {@code text} of its parts: user, assistant, system
 * and tool results alike), {@code reasoning_content}, and tool-call arguments ({@code tool_calls[].function.arguments}
 * and the legacy {@code function_call.arguments}), whose JSON string values are scanned one by one (keys are kept).
 * Not scanned: tool definitions and other parameters (written by the application, not its users), images, audio.
 * The input is never mutated: edits go to a deep copy made only when something changes.
 */
final class RequestRewriter {
    /** A string field to scan: where it is, its text, whether it holds JSON text (tool-call arguments). */
    private record Slot(String pointer, String text, boolean json) {
    }

    private record Edit(String pointer, String text) {
    }

    private final TextScanner scanner;
    private final Map<Kind, Action> actions;
    private final boolean embeddings;

    RequestRewriter(TextScanner scanner, Map<Kind, Action> actions) {
        this(scanner, actions, false);
    }

    /** {@code embeddings}: the body is an embeddings request, whose texts are {@code input} (a string or array). */
    RequestRewriter(TextScanner scanner, Map<Kind, Action> actions, boolean embeddings) {
        this.scanner = scanner;
        this.actions = actions;
        this.embeddings = embeddings;
    }

    Guarded apply(ObjectNode body) {
        List<Slot> slots = embeddings ? inputs(body) : slots(body);
        List<BodyFinding> findings = new ArrayList<>();
        List<Edit> edits = new ArrayList<>();
        Vault.Builder vault = new Vault.Builder();
        boolean blocked = false;
        for (Slot slot : slots) {
            StringBuilder rewritten = new StringBuilder();
            int[] copied = {0};
            if (slot.json() && JsonText.looksLikeJson(slot.text())) {
                for (JsonText.Literal lit : JsonText.stringValues(slot.text())) {
                    for (Finding f : scanner.scan(lit.decoded())) {
                        int rs = lit.raw(f.start());
                        int re = lit.raw(f.end());
                        blocked |= record(slot, f.kind(), rs, re, lit.decoded().substring(f.start(), f.end()),
                                findings, vault, rewritten, copied, true);
                    }
                }
            } else {
                for (Finding f : scanner.scan(slot.text())) {
                    blocked |= record(slot, f.kind(), f.start(), f.end(), slot.text().substring(f.start(), f.end()),
                            findings, vault, rewritten, copied, false);
                }
            }
            if (copied[0] > 0) {
                rewritten.append(slot.text(), copied[0], slot.text().length());
                edits.add(new Edit(slot.pointer(), rewritten.toString()));
            }
        }
        if (findings.isEmpty()) {
            return new Guarded(body, Findings.NONE, Vault.EMPTY);
        }
        if (blocked || edits.isEmpty()) {
            return new Guarded(body, new Findings(findings), Vault.EMPTY);
        }
        ObjectNode copy = body.deepCopy();
        for (Edit e : edits) {
            set(copy, e.pointer(), e.text());
        }
        return new Guarded(copy, new Findings(findings), vault.build());
    }

    /** Records a finding and appends its replacement; returns true when its action blocks. */
    private boolean record(Slot slot, Kind kind, int start, int end, String value, List<BodyFinding> findings,
                           Vault.Builder vault, StringBuilder out, int[] copied, boolean json) {
        Action action = actions.get(kind);
        findings.add(new BodyFinding(kind, action, slot.pointer(), start, end));
        if (action == Action.BLOCK) {
            return true;
        }
        String replacement = action == Action.PSEUDONYMISE ? vault.pseudonym(kind, value) : Placeholders.mask(kind);
        out.append(slot.text(), copied[0], start).append(json ? JsonText.escape(replacement) : replacement);
        copied[0] = end;
        return false;
    }

    private static List<Slot> slots(ObjectNode body) {
        List<Slot> out = new ArrayList<>();
        content(body.get("system"), "/system", out);
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            for (int i = 0; i < messages.size(); i++) {
                JsonNode m = messages.get(i);
                if (!m.isObject()) {
                    continue;
                }
                String p = "/messages/" + i;
                content(m.get("content"), p + "/content", out);
                text(m.get("reasoning_content"), p + "/reasoning_content", false, out);
                JsonNode calls = m.get("tool_calls");
                if (calls != null && calls.isArray()) {
                    for (int j = 0; j < calls.size(); j++) {
                        JsonNode fn = calls.get(j).get("function");
                        if (fn != null) {
                            text(fn.get("arguments"), p + "/tool_calls/" + j + "/function/arguments", true, out);
                        }
                    }
                }
                JsonNode fc = m.get("function_call");
                if (fc != null) {
                    text(fc.get("arguments"), p + "/function_call/arguments", true, out);
                }
            }
        }
        return out;
    }

    /** An embeddings request's texts: {@code input} as a string, or its string items (token arrays are not text). */
    private static List<Slot> inputs(ObjectNode body) {
        List<Slot> out = new ArrayList<>();
        JsonNode input = body.get("input");
        if (input != null && input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                text(input.get(i), "/input/" + i, false, out);
            }
        } else {
            text(input, "/input", false, out);
        }
        return out;
    }

    /** A content field: a string, or an array of parts whose {@code text} strings are scanned. */
    private static void content(JsonNode c, String pointer, List<Slot> out) {
        if (c == null) {
            return;
        }
        if (c.isTextual()) {
            text(c, pointer, false, out);
        } else if (c.isArray()) {
            for (int k = 0; k < c.size(); k++) {
                JsonNode part = c.get(k);
                if (part.isObject()) {
                    text(part.get("text"), pointer + "/" + k + "/text", false, out);
                }
            }
        }
    }

    private static void text(JsonNode n, String pointer, boolean json, List<Slot> out) {
        if (n != null && n.isTextual() && !n.textValue().isEmpty()) {
            out.add(new Slot(pointer, n.textValue(), json));
        }
    }

    private static void set(ObjectNode root, String pointer, String text) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        JsonPointer last = p.last();
        if (parent instanceof ObjectNode o) {
            o.put(last.getMatchingProperty(), text);
        } else if (parent instanceof ArrayNode a) {
            a.set(last.getMatchingIndex(), a.textNode(text));
        }
    }
}
