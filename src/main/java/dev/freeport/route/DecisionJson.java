package dev.freeport.route;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.freeport.json.Json;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RouteDecision} as the ledger stores it, once per request on the event loop. Each thread keeps
 * one Jackson generator over one reusable character buffer, so a decision costs its String and nothing else (a
 * generator, its context and a growing StringWriter per decision cost ~900 bytes for a 110-character decision).
 * Fields are written one by one; {@link RouteDecision#fromJson} reads the same names back.
 */
final class DecisionJson {
    /** a thread keeps its buffer up to this size; a larger decision's buffer is dropped after it */
    private static final int KEEP_CHARS = 16 * 1024;
    private static final ThreadLocal<DecisionJson> PER_THREAD = ThreadLocal.withInitial(DecisionJson::new);

    private final CharArrayWriter out = new CharArrayWriter(512);
    private final JsonGenerator g;

    private DecisionJson() {
        try {
            g = Json.MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null); // one root object after another, nothing in between
    }

    /** {@code d} with {@code chosen} and {@code attempts} in place of its own (the dispatch's outcome). */
    static String write(RouteDecision d, String chosen, List<RouteDecision.Tried> tried, List<Attempt> attempts) {
        DecisionJson w = PER_THREAD.get();
        try {
            w.object(d, chosen, tried, attempts);
            w.g.flush();
            String json = w.out.toString();
            w.out.reset();
            if (json.length() > KEEP_CHARS) {
                PER_THREAD.remove();
            }
            return json;
        } catch (IOException | RuntimeException e) {
            PER_THREAD.remove(); // the generator may be mid-object: never reuse it
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void object(RouteDecision d, String chosen, List<RouteDecision.Tried> tried, List<Attempt> attempts)
            throws IOException {
        g.writeStartObject();
        string("strategy", d.strategy());
        string("dataClass", d.dataClass());
        RouteDecision.Complexity complexity = d.complexity();
        if (complexity != null) {
            g.writeObjectFieldStart("complexity");
            g.writeNumberField("score", complexity.score());
            g.writeNumberField("threshold", complexity.threshold());
            g.writeBooleanField("hard", complexity.hard());
            string("model", complexity.model());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("candidates");
        for (RouteDecision.Candidate c : d.candidates()) {
            g.writeStartObject();
            string("target", c.target());
            string("vendor", c.vendor());
            if (c.rank() != null) {
                g.writeNumberField("rank", c.rank());
            }
            string("excluded", c.excluded());
            string("metric", c.metric());
            g.writeEndObject();
        }
        g.writeEndArray();
        string("chosen", chosen);
        string("note", d.note());
        g.writeArrayFieldStart("attempts");
        if (attempts != null) {
            for (Attempt a : attempts) {
                tried(a.target().label(), RouteDecision.Tried.errorOf(a), a.millis());
            }
        } else {
            for (RouteDecision.Tried t : tried) {
                tried(t.target(), t.error(), t.millis());
            }
        }
        g.writeEndArray();
        RouteDecision.Screening guardrails = d.guardrails();
        if (guardrails != null) {
            g.writeObjectFieldStart("guardrails");
            counts("findings", guardrails.findings());
            counts("actions", guardrails.actions());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void tried(String target, String error, long millis) throws IOException {
        g.writeStartObject();
        string("target", target);
        string("error", error);
        g.writeNumberField("millis", millis);
        g.writeEndObject();
    }

    private void counts(String name, Map<String, Integer> counts) throws IOException {
        if (counts == null || counts.isEmpty()) {
            return; // as databind writes Screening (NON_EMPTY)
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() != null) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
        }
        g.writeEndObject();
    }

    private void string(String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
