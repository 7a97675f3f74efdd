package dev.freeport.front.responses;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Top-level request fields the Responses decoder does not know (dropped) and built-in tools it removed: each name
 * logged once as a warning (at most {@value #MAX_NAMES} names, so hostile input cannot flood the log), and every
 * occurrence counted.
 */
final class UnknownFields {
    private static final Logger LOG = Logger.getLogger(UnknownFields.class.getName());
    static final int MAX_NAMES = 200;

    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicLong fields = new AtomicLong();
    private final AtomicLong tools = new AtomicLong();

    void seen(List<String> ignoredFields, List<String> droppedTools) {
        for (String f : ignoredFields) {
            fields.incrementAndGet();
            once("field:" + f, () -> "POST /v1/responses: unknown top-level field '" + shorten(f)
                    + "' dropped (Freeport does not know it; tell us if it matters)");
        }
        for (String t : droppedTools) {
            tools.incrementAndGet();
            once("tool:" + t, () -> "POST /v1/responses: built-in tool '" + shorten(t) + "' removed from requests"
                    + " (no back end runs it; the model answers without it)");
        }
    }

    private void once(String key, java.util.function.Supplier<String> message) {
        if (logged.size() < MAX_NAMES && logged.add(key)) {
            LOG.warning(message);
        }
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
    }

    /** Unknown top-level fields dropped, counted per request and field. */
    long droppedFields() {
        return fields.get();
    }

    /** Built-in tools removed, counted per request and tool. */
    long droppedTools() {
        return tools.get();
    }
}
