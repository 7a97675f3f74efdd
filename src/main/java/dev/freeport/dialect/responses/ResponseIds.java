package dev.freeport.dialect.responses;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The ids of one response and its output items, all derived from one random base so they are unique across a
 * conversation: {@code resp_<base>}, {@code msg_<base>_<n>}, {@code fc_…}, {@code ctc_…}, {@code rs_…}, and
 * {@code call_<base>_<n>} for a tool call the back end sent without an id. 128 random bits: an id is not a secret
 * (the store also checks the owner), but it must not be guessable either.
 */
public final class ResponseIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String base;

    private ResponseIds(String base) {
        this.base = base;
    }

    /** Fresh ids for a new response. */
    public static ResponseIds random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new ResponseIds(HexFormat.of().formatHex(b));
    }

    /** Fixed ids (tests, replays): {@code base} must be letters, digits, '_' or '-'. */
    public static ResponseIds of(String base) {
        if (!base.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("bad id base: " + base);
        }
        return new ResponseIds(base);
    }

    public String response() {
        return "resp_" + base;
    }

    public String message(int n) {
        return "msg_" + base + "_" + n;
    }

    public String functionCall(int n) {
        return "fc_" + base + "_" + n;
    }

    public String customCall(int n) {
        return "ctc_" + base + "_" + n;
    }

    public String reasoning(int n) {
        return "rs_" + base + "_" + n;
    }

    public String callId(int n) {
        return "call_" + base + "_" + n;
    }
}
