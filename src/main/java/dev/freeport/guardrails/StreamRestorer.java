package dev.freeport.guardrails;

/**
 * Restores placeholders in a stream of text deltas (one content stream, or one tool call's argument stream),
 * also when a placeholder is split across deltas. It holds back only a tail that could still become a
 * placeholder of this request's vault ("&lt;&lt;EMA" is held, "&lt;&lt;x" or "a &lt; b" is not) and releases it
 * at {@link #finish()}. In JSON mode the original is written escaped as JSON string content, so the arguments
 * stay valid JSON. Not thread-safe: one per stream.
 */
public final class StreamRestorer {
    private final Vault vault;
    private final boolean json;
    private final StringBuilder held = new StringBuilder();

    StreamRestorer(Vault vault, boolean json) {
        this.vault = vault;
        this.json = json;
    }

    /** The text to send on for this delta (possibly empty while a possible placeholder is held back). */
    public String feed(String delta) {
        if (delta == null || delta.isEmpty()) {
            return delta == null ? "" : delta;
        }
        if (vault.isEmpty()) {
            return delta;
        }
        if (held.isEmpty() && delta.indexOf('<') < 0) {
            return delta;
        }
        held.append(delta);
        StringBuilder out = new StringBuilder(held.length() + 16);
        int i = 0;
        int n = held.length();
        while (i < n) {
            char c = held.charAt(i);
            if (c != '<') {
                out.append(c);
                i++;
                continue;
            }
            int end = n - i >= 2 && held.charAt(i + 1) == '<' ? Placeholders.placeholderEnd(held, i, vault) : -1;
            if (end > 0) {
                String original = vault.original(held.substring(i, end));
                out.append(json ? JsonText.escape(original) : original);
                i = end;
            } else if (vault.couldStart(held, i, n)) {
                break;
            } else {
                out.append(c);
                i++;
            }
        }
        held.delete(0, i);
        return out.toString();
    }

    /** What is still held back (an unfinished placeholder-like tail), to send when the stream ends. */
    public String finish() {
        String rest = held.toString();
        held.setLength(0);
        return rest;
    }

    /** True while some text is held back. */
    public boolean holding() {
        return !held.isEmpty();
    }

    @Override
    public String toString() {
        return "StreamRestorer[holding " + held.length() + " chars]";
    }
}
