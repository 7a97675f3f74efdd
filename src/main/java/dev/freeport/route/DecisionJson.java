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
 * Fields are written one by one; {@link RouteDecision#fromJson} reads the same names back. The attempt that served
 * (no error, its target the {@code chosen} one) is written without its target, which {@code fromJson} (and the
 * ledger's {@code EventJson}) fill back in from {@code chosen}: 31 fewer bytes journaled and stored per request
 * served by a target named like the benchmark's. Decisions written before carry the target; both read the same.
 * <p>
 * A request served at its first attempt, whose plan is the one the thread's previous request had (an alias's
 * routes change rarely: the same candidates, the same order), gets its text from the thread's last such text: the
 * text before and after the attempt's millis, kept once the same plan came twice in a row, so that such a
 * decision costs one string concatenation and an equality check, no generator work.
 */
final class DecisionJson {
    /** a thread keeps its buffer up to this size; a larger decision's buffer is dropped after it */
    private static final int KEEP_CHARS = 16 * 1024;
    private static final ThreadLocal<DecisionJson> PER_THREAD = ThreadLocal.withInitial(DecisionJson::new);

    private final CharArrayWriter out = new CharArrayWriter(512);
    private final JsonGenerator g;
    /** the plan and served target of the thread's previous decision written whole: a candidate to keep */
    private RouteDecision lastDecision;
    private String lastChosen;
    /** the kept plan and served target, and its text around the attempt's millis */
    private RouteDecision keptDecision;
    private String keptChosen;
    private String head;
    private String tail;

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
        if (attempts != null && attempts.size() == 1 && servedFirst(d, chosen, attempts.get(0))) {
            String kept = w.kept(d, chosen, attempts.get(0).millis());
            if (kept != null) {
                return kept;
            }
        }
        return w.whole(d, chosen, tried, attempts);
    }

    /** Whether the one attempt served, as {@code chosen}, and {@code d} is a plan that may repeat as it is. */
    private static boolean servedFirst(RouteDecision d, String chosen, Attempt a) {
        return a.failure() == null && chosen != null && chosen.equals(a.target().label()) && d.complexity() == null
                && d.guardrails() == null;
    }

    /** The text of {@code d} served by {@code chosen} in {@code millis} from the kept text; null when not kept. */
    private String kept(RouteDecision d, String chosen, long millis) {
        if (head == null || !chosen.equals(keptChosen) || !d.equals(keptDecision)) {
            if (!chosen.equals(lastChosen) || !d.equals(lastDecision)) {
                lastDecision = d;
                lastChosen = chosen;
                return null;
            }
            keep(d, chosen);
            if (head == null) {
                return null;
            }
        }
        return head + millis + tail;
    }

    /** the attempt's millis in a text written to be kept: a value no attempt takes */
    private static final String MARK = String.valueOf(Long.MIN_VALUE);
    private static final String MILLIS = "\"millis\":";

    private void keep(RouteDecision d, String chosen) {
        String json = whole(d, chosen, List.of(new RouteDecision.Tried(chosen, null, Long.MIN_VALUE)), null);
        int at = json.lastIndexOf(MILLIS + MARK + "}");
        if (at < 0 || json.length() > KEEP_CHARS) {
            head = null;
            return;
        }
        head = json.substring(0, at + MILLIS.length());
        tail = json.substring(at + MILLIS.length() + MARK.length());
        keptDecision = d;
        keptChosen = chosen;
    }

    /** The text written by the generator. */
    private String whole(RouteDecision d, String chosen, List<RouteDecision.Tried> tried, List<Attempt> attempts) {
        DecisionJson w = this;
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
                tried(a.target().label(), RouteDecision.Tried.errorOf(a), a.millis(), chosen);
            }
        } else {
            for (RouteDecision.Tried t : tried) {
                tried(t.target(), t.error(), t.millis(), chosen);
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

    /** An attempt; the one that served as {@code chosen} without its target, which the readers fill back in. */
    private void tried(String target, String error, long millis, String chosen) throws IOException {
        g.writeStartObject();
        if (error != null || !java.util.Objects.equals(target, chosen)) {
            string("target", target);
        }
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
