package dev.freeport.dialect;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Request fields a front did not know and dropped on the way to a translated back end (new fields agents start to
 * send), counted per API and field name for a metrics endpoint to read ({@link #snapshot}), and logged once per name
 * with a warning. Values are never logged. Callers choose the names, so at most {@value #MAX_NAMES} distinct names
 * are kept; names that are not plain identifiers, or past that bound, are counted under {@value #OTHER}.
 */
public final class DroppedFields {
    static final int MAX_NAMES = 256;
    static final String OTHER = "(other)";
    private static final Logger LOG = Logger.getLogger(DroppedFields.class.getName());
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private DroppedFields() {
    }

    /** Counts one dropped field of a request to {@code api} ("anthropic", ...); warns the first time a name is seen. */
    public static void dropped(String api, String field) {
        String name = field != null && PLAIN.matcher(field).matches() ? field : OTHER;
        String key = api + ":" + name;
        LongAdder count = COUNTS.get(key);
        if (count == null) {
            if (COUNTS.size() >= MAX_NAMES) {
                key = api + ":" + OTHER;
            }
            LongAdder fresh = new LongAdder();
            count = COUNTS.putIfAbsent(key, fresh);
            if (count == null) {
                count = fresh;
                LOG.warning(() -> "dropped the " + api + " request field '" + shown(field) + "' (a name or value "
                        + "Freeport does not know): not sent to translated back ends, passed on to " + api
                        + " ones; counted in dropped_fields{api=\"" + api + "\"}, later ones are not logged");
            }
        }
        count.increment();
    }

    /** The count of one {@code api:field} key of {@link #snapshot} (0 when unknown). */
    public static long count(String key) {
        LongAdder c = COUNTS.get(key);
        return c == null ? 0 : c.sum();
    }

    /** Counts so far, keyed {@code api:field}, in name order. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        COUNTS.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String shown(String field) {
        if (field == null) {
            return "";
        }
        String s = field.length() > 64 ? field.substring(0, 64) + "..." : field;
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
