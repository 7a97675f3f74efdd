package dev.freeport.provider.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.AsciiString;

/**
 * Netty's answer decoder, but for the words of the status line and the header names it makes per answer: the ones
 * nearly every answer carries (the version, the status code, the reason {@code OK}, the usual header names in their
 * lower-case and their canonical spelling) are shared constants of the same content, found by comparing the bytes,
 * where Netty makes a String (status line) or an {@link AsciiString} over a copy (name) each time. Anything else is
 * Netty's own; values are Netty's Strings. What the decoder hands over is equal in every byte, so framing,
 * validation and errors are Netty's as before.
 */
final class AnswerHeadDecoder extends HttpResponseDecoder {
    private static final String HTTP_1_1 = "HTTP/1.1";
    private static final String OK = "OK";
    /** "100" .. "599" */
    private static final String[] CODES = new String[500];
    /** the known names, each as its bytes and as the constant handed over */
    private static final byte[][] NAME_BYTES;
    private static final AsciiString[] NAMES;

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = Integer.toString(100 + i);
        }
        String[] names = {"content-type", "content-length", "date", "server", "connection", "keep-alive",
            "transfer-encoding", "content-encoding", "cache-control", "vary", "x-request-id", "request-id",
            "openai-organization", "openai-processing-ms", "openai-version", "openai-project",
            "x-ratelimit-limit-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests",
            "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "retry-after",
            "strict-transport-security", "cf-ray", "cf-cache-status", "set-cookie", "alt-svc",
            "x-content-type-options", "access-control-allow-origin", "x-envoy-upstream-service-time", "via"};
        NAME_BYTES = new byte[names.length * 2][];
        NAMES = new AsciiString[names.length * 2];
        for (int i = 0; i < names.length; i++) {
            NAMES[2 * i] = AsciiString.cached(names[i]);
            NAMES[2 * i + 1] = AsciiString.cached(canonical(names[i]));
            NAME_BYTES[2 * i] = NAMES[2 * i].toByteArray();
            NAME_BYTES[2 * i + 1] = NAMES[2 * i + 1].toByteArray();
        }
    }

    AnswerHeadDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** {@code content-type} as {@code Content-Type}. */
    private static String canonical(String name) {
        char[] out = name.toCharArray();
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i - 1] == '-') {
                out[i] = Character.toUpperCase(out[i]);
            }
        }
        return new String(out);
    }

    @Override
    protected String splitFirstWordInitialLine(byte[] line, int start, int length) {
        return is(line, start, length, HTTP_1_1) ? HTTP_1_1 : super.splitFirstWordInitialLine(line, start, length);
    }

    @Override
    protected String splitSecondWordInitialLine(byte[] line, int start, int length) {
        if (length == 3) {
            int code = digit(line[start]) * 100 + digit(line[start + 1]) * 10 + digit(line[start + 2]);
            if (code >= 100 && code < 600) {
                return CODES[code - 100];
            }
        }
        return super.splitSecondWordInitialLine(line, start, length);
    }

    @Override
    protected String splitThirdWordInitialLine(byte[] line, int start, int length) {
        return is(line, start, length, OK) ? OK : super.splitThirdWordInitialLine(line, start, length);
    }

    @Override
    protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
        for (int i = 0; i < NAME_BYTES.length; i++) {
            byte[] name = NAME_BYTES[i];
            if (name.length == length && java.util.Arrays.equals(sb, start, start + length, name, 0, length)) {
                return NAMES[i];
            }
        }
        return super.splitHeaderName(sb, start, length);
    }

    /** 0-9 for a digit; else a value that makes any code it is part of out of range. */
    private static int digit(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : 1000;
    }

    private static boolean is(byte[] line, int start, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
