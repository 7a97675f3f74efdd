package dev.freeport.dialect.openai;

import dev.freeport.api.ChunkFacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.SseEvent;
import dev.freeport.provider.http.StreamDecoder;

import java.util.function.Consumer;

/**
 * Decodes one OpenAI-dialect SSE stream. Chunks pass through unchanged. In-band errors ({@code "error"} objects
 * of OpenAI/OpenRouter/SGLang, {@code "object":"error"} of older vLLM, an SSE {@code event: error}) end the stream
 * as STREAM_CUT. When a host reports usage only outside the top-level {@code usage} (Moonshot's
 * {@code choices[0].usage}, Groq's {@code x_groq.usage}), a standard {@code "choices":[]} usage chunk is added
 * before the end, so accounting sees usage the same way for every host.
 */
public final class OpenAiStreamDecoder implements StreamDecoder {

    private final ObjectMapper mapper;
    private final OpenAiErrors errors;
    private final boolean endsOnClose;
    private final ChunkScan.Scanner scanner = new ChunkScan.Scanner();
    private boolean done;
    private boolean sawFinish;
    private boolean sawTopUsage;
    private JsonNode strayUsage;
    private ObjectNode lastChunk;
    /** the last chunk when it passed as bytes (its ids are only read if a usage chunk must copy them) */
    private StreamItem.Chunk last;
    /** the one object each byte chunk is handed out as, when the sink asked for it ({@link #reusingChunks}) */
    private StreamItem.Chunk reused;

    public OpenAiStreamDecoder(ObjectMapper mapper, OpenAiErrors errors, boolean endsOnClose) {
        this.mapper = mapper;
        this.errors = errors;
        this.endsOnClose = endsOnClose;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamItem> out) {
        if (done) {
            return;
        }
        if ("error".equals(event.event())) {
            fail(out, errorMessage(event.data().strip()));
            return;
        }
        byte[] array = event.array();
        int from = event.offset();
        int to = from + event.length();
        if (blank(array, from, to)) {
            return;
        }
        if (isDone(array, from, to)) {
            end(out);
            return;
        }
        ChunkFacts facts = scanner.scan(array, from, to);
        if (facts != ChunkScan.FALLBACK) {
            // the common case: relayed as it came (a slice of the upstream's read), read without a tree
            StreamItem.Chunk chunk = reused != null ? reused.reset(array, from, to - from, facts)
                    : StreamItem.Chunk.ofBytes(array, from, to - from, facts);
            // kept past the sink's call only when a usage chunk will copy its ids: then as a copy (held), since a
            // reused chunk is a slice of the parser's scratch, which the next read overwrites
            last = strayUsage != null && !sawTopUsage && facts.usage() == null ? chunk.held() : chunk;
            lastChunk = null;
            sawTopUsage |= facts.usage() != null;
            sawFinish |= facts.finishReason() != null;
            out.accept(chunk);
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(array, from, to - from);
        } catch (Exception e) {
            fail(out, errors.message("malformed chunk (" + shortReason(e) + ")"));
            return;
        }
        if (node == null || !node.isObject()) {
            fail(out, errors.message("malformed chunk (not a JSON object)"));
            return;
        }
        ObjectNode chunk = (ObjectNode) node;
        if (isError(chunk)) {
            OpenAiErrors.Parsed p = errors.fromObject(chunk);
            String msg = p.message() == null ? "error in stream" : p.message();
            done = true;
            out.accept(new StreamItem.Failed(new UpstreamFailure(FailureKind.STREAM_CUT, 0,
                    errors.message("error in stream: " + msg), null, p.type(), p.code())));
            return;
        }
        track(chunk);
        out.accept(new StreamItem.Chunk(chunk));
    }

    @Override
    public StreamDecoder reusingChunks() {
        reused = StreamItem.Chunk.reusable();
        scanner.reusingFacts(); // the chunk's facts are valid as long as the chunk: during the sink's call
        return this;
    }

    @Override
    public void onClose(Consumer<StreamItem> out) {
        if (done) {
            return;
        }
        if (endsOnClose && sawFinish) {
            end(out);
            return;
        }
        fail(out, errors.message("upstream closed the stream before [DONE]"));
    }

    private static boolean isError(ObjectNode chunk) {
        JsonNode err = chunk.get("error");
        if (err != null && !err.isNull()) {
            return true;
        }
        return "error".equals(chunk.path("object").asText(null));
    }

    private void track(ObjectNode chunk) {
        lastChunk = chunk;
        last = null;
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            sawTopUsage = true;
        }
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray()) {
            for (JsonNode c : choices) {
                JsonNode fr = c.get("finish_reason");
                if (fr != null && !fr.isNull()) {
                    sawFinish = true;
                }
                JsonNode cu = c.get("usage");
                if (cu != null && cu.isObject()) {
                    strayUsage = cu;
                }
            }
        }
        JsonNode groq = chunk.path("x_groq").get("usage");
        if (groq != null && groq.isObject()) {
            strayUsage = groq;
        }
    }

    private void end(Consumer<StreamItem> out) {
        done = true;
        if (!sawTopUsage && strayUsage != null) {
            out.accept(new StreamItem.Chunk(usageChunk()));
        }
        out.accept(StreamItem.END);
    }

    /** A standard usage chunk with the ids of the stream's last chunk. */
    private ObjectNode usageChunk() {
        if (lastChunk == null && last != null) {
            try {
                lastChunk = last.array() != null ? (ObjectNode) mapper.readTree(last.bytes()) : last.chunk().deepCopy();
            } catch (java.io.IOException e) {
                lastChunk = mapper.createObjectNode();
            }
        }
        if (lastChunk == null) {
            lastChunk = mapper.createObjectNode();
        }
        ObjectNode u = mapper.createObjectNode();
        for (String f : new String[] {"id", "object", "created", "model", "system_fingerprint"}) {
            JsonNode v = lastChunk.get(f);
            if (v != null) {
                u.set(f, v);
            }
        }
        u.putArray("choices");
        u.set("usage", strayUsage.deepCopy());
        return u;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte x = b[i];
            if (x != ' ' && x != '\t' && x != '\n' && x != '\r') {
                return false;
            }
        }
        return true;
    }

    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    /** "[DONE]", with any whitespace around it. */
    private static boolean isDone(byte[] b, int from, int to) {
        while (from < to && b[from] <= ' ') {
            from++;
        }
        while (to > from && b[to - 1] <= ' ') {
            to--;
        }
        return java.util.Arrays.equals(b, from, to, DONE, 0, DONE.length);
    }

    private String errorMessage(String data) {
        if (data.isEmpty()) {
            return errors.message("error event in stream");
        }
        OpenAiErrors.Parsed p = errors.parse(data);
        return errors.message("error in stream: " + (p.message() == null ? "unknown" : p.message()));
    }

    private void fail(Consumer<StreamItem> out, String message) {
        done = true;
        out.accept(new StreamItem.Failed(UpstreamFailure.of(FailureKind.STREAM_CUT, 0, message)));
    }

    private static String shortReason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl > 0) {
            m = m.substring(0, nl);
        }
        return m.length() > 160 ? m.substring(0, 160) : m;
    }
}
