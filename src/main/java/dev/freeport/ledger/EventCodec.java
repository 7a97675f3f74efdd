package dev.freeport.ledger;

import dev.freeport.api.Usage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Compact binary form of a {@link UsageEvent} for the journal (version byte first, so the format can evolve).
 * Times are kept at millisecond precision, the same as the database. Error messages are capped so a record always
 * fits a segment with room to spare. Version 5 writes the request's three fingerprints as 8-byte longs (0 for none)
 * where version 4 wrote them as hex strings (4 + 16 bytes each, -1 for null); records of versions 1 to 4 (a journal
 * left by an older build) are still read.
 */
final class EventCodec {

    static final byte VERSION = 5;
    static final int MAX_MESSAGE_CHARS = 2000;
    /** a routing decision (JSON) of an alias with many targets is longer than an error message */
    static final int MAX_DECISION_CHARS = 16_000;
    private static final int MAX_STRING_BYTES = 64 * 1024;

    private EventCodec() {
    }

    /** The record as an array (replay tools and tests); {@link #write} is the write path's form. */
    static byte[] encode(UsageEvent e) {
        return write(e).toByteArray();
    }

    /** Writes the record into this thread's {@link RecordOut}, which holds it until the thread's next record. */
    static RecordOut write(UsageEvent e) {
        RecordOut out = RecordOut.start();
        out.writeByte(VERSION);
        writeString(out, e.id());
        out.writeLong(e.time() == null ? 0 : e.time().toEpochMilli());
        writeString(out, e.caller());
        writeString(out, e.endpoint());
        writeString(out, e.alias());
        writeString(out, e.provider());
        writeString(out, e.upstreamModel());
        out.writeInt(e.attempts());
        writeString(out, e.status() == null ? null : e.status().name());
        out.writeInt(e.httpStatus());
        writeString(out, e.errorKind());
        writeString(out, cap(e.errorMessage()));
        out.writeBoolean(e.stream());
        out.writeLong(e.inputTokens());
        out.writeLong(e.outputTokens());
        out.writeLong(e.cachedInputTokens());
        out.writeLong(e.cacheCreationTokens());
        out.writeLong(e.reasoningTokens());
        out.writeBoolean(e.estimated());
        out.writeLong(e.costNanos());
        out.writeLong(e.latencyMillis());
        out.writeBoolean(e.ttftMillis() != null);
        out.writeLong(e.ttftMillis() == null ? 0 : e.ttftMillis());
        CostDetail c = e.cost(); // version 3
        writeString(out, c.known() && c.currency() == null ? null : c.status().ledgerName());
        writeString(out, c.currency());
        out.writeLong(c.originalNanos());
        writeString(out, e.cache()); // version 4
        out.writeLong(e.savedNanos());
        writeFacts(out, e.facts());
        writeString(out, e.keyId()); // version 4
        return out;
    }

    /** Decodes one record payload; throws IllegalArgumentException if it is not a valid event. */
    static UsageEvent decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            byte version = in.get();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("unknown journal record version " + version);
            }
            String id = readString(in);
            Instant time = Instant.ofEpochMilli(in.getLong());
            String caller = readString(in);
            String endpoint = readString(in);
            String alias = readString(in);
            String provider = readString(in);
            String upstreamModel = readString(in);
            int attempts = in.getInt();
            String status = readString(in);
            int httpStatus = in.getInt();
            String errorKind = readString(in);
            String errorMessage = readString(in);
            boolean stream = in.get() != 0;
            long input = in.getLong();
            long output = in.getLong();
            long cached = in.getLong();
            long creation = in.getLong();
            long reasoning = in.getLong();
            boolean estimated = in.get() != 0;
            long cost = in.getLong();
            long latency = in.getLong();
            boolean hasTtft = in.get() != 0;
            long ttft = in.getLong();
            CostDetail costDetail = version >= 3 ? new CostDetail(CostDetail.Status.ofLedgerName(readString(in)),
                    readString(in), in.getLong()) : CostDetail.PRICED;
            String cache = version >= 4 ? readString(in) : null;
            long saved = version >= 4 ? in.getLong() : 0;
            RequestFacts facts = version >= 2 ? readFacts(in, version) : RequestFacts.NONE;
            String keyId = version >= 4 ? readString(in) : null;
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in journal record");
            }
            return UsageEvent.builder(id, time).caller(caller).endpoint(endpoint).alias(alias)
                    .target(provider, upstreamModel).attempts(attempts)
                    .outcome(status == null ? null : UsageEvent.Status.valueOf(status), httpStatus, errorKind,
                            errorMessage)
                    .stream(stream).usage(new Usage(input, output, cached, creation, reasoning, estimated))
                    .costNanos(cost).latency(latency, hasTtft ? ttft : null).facts(facts).cost(costDetail)
                    .keyId(keyId).cache(cache, saved).build();
        } catch (BufferUnderflowException ex) {
            throw new IllegalArgumentException("short journal record", ex);
        }
    }

    private static void writeFacts(RecordOut out, RequestFacts f) {
        writeString(out, f.front());
        writeString(out, f.team());
        writeString(out, f.tags());
        out.writeLong(f.promptHash()); // version 5: longs, not hex strings
        out.writeLong(f.prefixHash());
        out.writeLong(f.prefixTokens());
        out.writeLong(f.conversationKey());
        out.writeInt(f.messageCount());
        out.writeInt(f.maxTokens() == null ? -1 : f.maxTokens());
        writeString(out, f.finishReason());
        out.writeBoolean(f.tools());
        writeString(out, f.decision() == null || f.decision().length() <= MAX_DECISION_CHARS ? f.decision()
                : f.decision().substring(0, MAX_DECISION_CHARS));
    }

    private static RequestFacts readFacts(ByteBuffer in, byte version) {
        String front = readString(in);
        String team = readString(in);
        String tags = readString(in);
        long promptHash = readHash(in, version);
        long prefixHash = readHash(in, version);
        long prefixTokens = in.getLong();
        long conversationKey = readHash(in, version);
        int messageCount = in.getInt();
        int maxTokens = in.getInt();
        String finishReason = readString(in);
        boolean tools = in.get() != 0;
        String decision = readString(in);
        return new RequestFacts(front, team, tags, promptHash, prefixHash, prefixTokens, conversationKey,
                messageCount, maxTokens < 0 ? null : maxTokens, finishReason, tools, decision);
    }

    /** A fingerprint: a long from version 5 on, its hex text before. */
    private static long readHash(ByteBuffer in, byte version) {
        return version >= 5 ? in.getLong() : RequestFacts.hashOf(readString(in));
    }

    private static String cap(String s) {
        return s == null || s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS);
    }

    private static void writeString(RecordOut out, String s) {
        out.writeString(s, MAX_STRING_BYTES);
    }

    private static String readString(ByteBuffer in) {
        int len = in.getInt();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > in.remaining()) {
            throw new IllegalArgumentException("bad string length " + len);
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
