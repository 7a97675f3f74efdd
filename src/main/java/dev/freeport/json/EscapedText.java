package dev.freeport.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.util.Arrays;

/**
 * Text gathered as the escaped contents of JSON strings (the bytes between the quotes, as they arrived), decoded to a
 * {@link String} only when someone asks: a stream's deltas are appended as they pass, and the text is needed only
 * when the upstream reported no usage or a watcher wants it. Pieces join before decoding, so an escape pair split
 * over two pieces ({@code \ud83d} then {@code \ude00}) decodes to its one character.
 */
public final class EscapedText {
    private byte[] bytes;
    private int length;
    private String decoded;

    /** Appends {@code json[from, to)}: the contents of a JSON string, still escaped. */
    public void appendEscaped(byte[] json, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        ensure(n);
        System.arraycopy(json, from, bytes, length, n);
        length += n;
        decoded = null;
    }

    /** Appends plain text (escaped here). */
    public void append(String text) {
        if (text != null && !text.isEmpty()) {
            byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
            appendEscaped(escaped, 0, escaped.length);
        }
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The text, decoded once (until more is appended). */
    @Override
    public String toString() {
        if (decoded == null) {
            decoded = length == 0 ? "" : decode();
        }
        return decoded;
    }

    private String decode() {
        byte[] quoted = new byte[length + 2];
        quoted[0] = '"';
        System.arraycopy(bytes, 0, quoted, 1, length);
        quoted[length + 1] = '"';
        try {
            return Json.MAPPER.readValue(quoted, String.class);
        } catch (IOException e) {
            // the pieces came from strings a scan found well formed; a lone surrogate escape is the one way here
            return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void ensure(int n) {
        if (bytes == null) {
            bytes = new byte[Math.max(128, n)];
        } else if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
    }
}
