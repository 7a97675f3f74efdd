package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;

/**
 * A finding in a request body: its kind, the action the plan took, the JSON Pointer of the string field
 * ({@code /messages/2/content}, {@code /messages/3/tool_calls/0/function/arguments}) and the [start, end)
 * character offsets inside that string (inside the raw arguments text for tool-call arguments). Pointers are
 * built from field names Freeport knows and array indices only, so nothing the caller wrote ends up in them.
 */
public record BodyFinding(Kind kind, Action action, String pointer, int start, int end) {
    /** "an email address in /messages/1/content at characters 10-25". */
    public String describe() {
        return kind.description() + " in " + pointer + " at characters " + start + "-" + end;
    }
}
