package dev.freeport.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the fake upstream answers to one request: a successful completion (text and/or tool calls), an HTTP error
 * status, or a scripted fault. Immutable; the instance methods return modified copies, e.g.
 * {@code Reply.ok("hi").delay(Duration.ofMillis(50)).noUsage()}. The wire format (OpenAI or Anthropic, stream or
 * not) comes from the request, never from the reply.
 */
public final class Reply {
    /** Text used by the fault factories that need content to interrupt. */
    public static final String DEFAULT_TEXT = "The quick brown fox jumps over the lazy dog again and again";
    /** Prompt token count reported when none was set. */
    public static final int DEFAULT_INPUT_TOKENS = 10;

    enum Kind { ANSWER, STATUS, RESET_BEFORE_HEAD, HANG }

    enum Fault { NONE, RESET_AFTER_CHUNKS, STALL_AFTER_CHUNKS, IN_BAND_ERROR, MALFORMED_JSON }

    final Kind kind;
    final String text;
    final List<ToolCall> toolCalls;
    final int status;
    final Integer retryAfterSeconds;
    final String body;
    final Fault fault;
    final int faultAfterChunks;
    final Duration delay;
    final Duration chunkDelay;
    final boolean usage;
    final Integer inputTokens;
    final Integer outputTokens;
    /** the usage's cache, reasoning and server-tool counts (all 0 by default) */
    final UsageDetail detail;

    /**
     * Counts a vendor's usage carries beyond input and output, in vendor terms: prompt-cache reads, cache writes with
     * a 5-minute and a 1-hour TTL, reasoning tokens (part of output), web searches billed per call. The input count
     * of {@link #usage} is the whole prompt; the Anthropic wire reports its uncached part as {@code input_tokens}.
     */
    public record UsageDetail(int cachedTokens, int cacheWrite5m, int cacheWrite1h, int reasoningTokens,
                              int webSearches) {
        static final UsageDetail NONE = new UsageDetail(0, 0, 0, 0, 0);

        int cacheWrites() {
            return cacheWrite5m + cacheWrite1h;
        }
    }

    private Reply(Kind kind, String text, List<ToolCall> toolCalls, int status, Integer retryAfterSeconds, String body,
                  Fault fault, int faultAfterChunks, Duration delay, Duration chunkDelay, boolean usage,
                  Integer inputTokens, Integer outputTokens) {
        this(kind, text, toolCalls, status, retryAfterSeconds, body, fault, faultAfterChunks, delay, chunkDelay, usage,
                inputTokens, outputTokens, UsageDetail.NONE);
    }

    private Reply(Kind kind, String text, List<ToolCall> toolCalls, int status, Integer retryAfterSeconds, String body,
                  Fault fault, int faultAfterChunks, Duration delay, Duration chunkDelay, boolean usage,
                  Integer inputTokens, Integer outputTokens, UsageDetail detail) {
        this.detail = detail;
        this.kind = kind;
        this.text = text;
        this.toolCalls = List.copyOf(toolCalls);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.body = body;
        this.fault = fault;
        this.faultAfterChunks = faultAfterChunks;
        this.delay = delay;
        this.chunkDelay = chunkDelay;
        this.usage = usage;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
    }

    private static Reply of(Kind kind, String text) {
        return new Reply(kind, text, List.of(), 200, null, null, Fault.NONE, 0, Duration.ZERO, null, true, null, null);
    }

    private Reply fault(Fault f, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("chunk count must be >= 0");
        }
        return new Reply(kind, text, toolCalls, status, retryAfterSeconds, body, f, n, delay, chunkDelay, usage,
                inputTokens, outputTokens, detail);
    }

    // ---- factories ----

    /** A successful completion with this assistant text (streamed as one chunk per word). */
    public static Reply ok(String text) {
        return of(Kind.ANSWER, Objects.requireNonNull(text, "text"));
    }

    /** A successful completion that calls tools (no text); arguments stream as several fragments. */
    public static Reply toolCalls(ToolCall... calls) {
        return ok("").withToolCalls(calls);
    }

    /** An HTTP error status with the provider's error body for it (OpenAI or Anthropic shape per path). */
    public static Reply status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
        return new Reply(Kind.STATUS, "", List.of(), status, null, null, Fault.NONE, 0, Duration.ZERO, null, true,
                null, null);
    }

    /** Close the TCP connection with a reset, before any response byte. */
    public static Reply resetBeforeHead() {
        return of(Kind.RESET_BEFORE_HEAD, "");
    }

    /** Accept the request and never answer; closing the server (or the client) ends it. */
    public static Reply hang() {
        return of(Kind.HANG, "");
    }

    /** Send n content chunks of {@link #DEFAULT_TEXT}, then reset the connection (no end of stream). */
    public static Reply resetAfterChunks(int n) {
        return ok(DEFAULT_TEXT).fault(Fault.RESET_AFTER_CHUNKS, n);
    }

    /** Send n content chunks of {@link #DEFAULT_TEXT}, then go silent with the connection open. */
    public static Reply stallAfterChunks(int n) {
        return ok(DEFAULT_TEXT).fault(Fault.STALL_AFTER_CHUNKS, n);
    }

    /** 200 with a broken JSON body (non-stream), or a broken "data:" line after the stream's head (stream). */
    public static Reply malformedJson() {
        return ok(DEFAULT_TEXT).fault(Fault.MALFORMED_JSON, 0);
    }

    /**
     * Stream: n content chunks then an in-band error (OpenAI: {@code data: {"error":{...}}}, Anthropic:
     * {@code event: error}), then the response ends. Non-stream: 200 whose body is the error object.
     */
    public static Reply inBandError(int n) {
        return ok(DEFAULT_TEXT).fault(Fault.IN_BAND_ERROR, n);
    }

    // ---- modifiers (copies) ----

    /** Same reply with this text (e.g. a longer text for {@link #resetAfterChunks(int)}). */
    public Reply withText(String newText) {
        return new Reply(kind, Objects.requireNonNull(newText), toolCalls, status, retryAfterSeconds, body, fault,
                faultAfterChunks, delay, chunkDelay, usage, inputTokens, outputTokens, detail);
    }

    /** Same reply, also calling these tools (after the text, if any). */
    public Reply withToolCalls(ToolCall... calls) {
        List<ToolCall> all = new ArrayList<>(toolCalls);
        all.addAll(List.of(calls));
        return new Reply(kind, text, all, status, retryAfterSeconds, body, fault, faultAfterChunks, delay,
                chunkDelay, usage, inputTokens, outputTokens, detail);
    }

    /** Adds a {@code retry-after: seconds} header (for error statuses). */
    public Reply retryAfter(int seconds) {
        return new Reply(kind, text, toolCalls, status, seconds, body, fault, faultAfterChunks, delay, chunkDelay,
                usage, inputTokens, outputTokens, detail);
    }

    /** Replaces the body of a {@link #status(int)} reply with this raw text (sent as application/json). */
    public Reply body(String rawBody) {
        return new Reply(kind, text, toolCalls, status, retryAfterSeconds, Objects.requireNonNull(rawBody), fault,
                faultAfterChunks, delay, chunkDelay, usage, inputTokens, outputTokens, detail);
    }

    /** Waits this long after the request arrived before answering (or faulting). */
    public Reply delay(Duration wait) {
        return new Reply(kind, text, toolCalls, status, retryAfterSeconds, body, fault, faultAfterChunks,
                Objects.requireNonNull(wait), chunkDelay, usage, inputTokens, outputTokens, detail);
    }

    /** Waits this long between stream frames (overrides the server's default pacing). */
    public Reply chunkDelay(Duration pause) {
        return new Reply(kind, text, toolCalls, status, retryAfterSeconds, body, fault, faultAfterChunks, delay,
                Objects.requireNonNull(pause), usage, inputTokens, outputTokens, detail);
    }

    /** Answers without any usage (no usage field, no usage chunk even when include_usage asked). */
    public Reply noUsage() {
        return new Reply(kind, text, toolCalls, status, retryAfterSeconds, body, fault, faultAfterChunks, delay,
                chunkDelay, false, inputTokens, outputTokens, detail);
    }

    /** Reports these token counts (default: {@value #DEFAULT_INPUT_TOKENS} in, one per content chunk out). */
    public Reply usage(int input, int output) {
        return new Reply(kind, text, toolCalls, status, retryAfterSeconds, body, fault, faultAfterChunks, delay,
                chunkDelay, true, input, output, detail);
    }

    /** Also reports these cache, reasoning and server-tool counts (with {@link #usage} for input and output). */
    public Reply usageDetail(UsageDetail d) {
        return new Reply(kind, text, toolCalls, status, retryAfterSeconds, body, fault, faultAfterChunks, delay,
                chunkDelay, true, inputTokens, outputTokens, Objects.requireNonNull(d));
    }

    // ---- derived values for the encoders ----

    /** The text split into stream pieces: one per word, each keeping the whitespace before it. */
    List<String> textChunks() {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.add(text.substring(start, i));
        }
        return out;
    }

    /** Tool arguments split into up to four fragments, as providers stream them. */
    static List<String> argumentFragments(String args) {
        List<String> out = new ArrayList<>();
        int size = Math.max(1, (args.length() + 3) / 4);
        for (int i = 0; i < args.length(); i += size) {
            out.add(args.substring(i, Math.min(args.length(), i + size)));
        }
        return out;
    }

    int inputTokens() {
        return inputTokens != null ? inputTokens : DEFAULT_INPUT_TOKENS;
    }

    int outputTokens() {
        if (outputTokens != null) {
            return outputTokens;
        }
        int count = textChunks().size();
        for (ToolCall call : toolCalls) {
            count += argumentFragments(call.argumentsJson()).size();
        }
        return Math.max(1, count);
    }

    @Override
    public String toString() {
        return "Reply[" + kind + (kind == Kind.STATUS ? " " + status : "") + (fault != Fault.NONE ? " " + fault + "@"
                + faultAfterChunks : "") + ", text=" + text.length() + " chars, tools=" + toolCalls.size() + "]";
    }
}
