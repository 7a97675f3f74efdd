package dev.freeport.observe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the values one metric label takes: the first {@code max} distinct values are kept as they are, every later
 * one is counted under {@value #OTHER}. A label set per value is a time series in Prometheus, so a label fed from
 * anything a caller can choose (a model name through a wildcard route, a key) must be bounded. Null reads "none".
 */
final class LabelCap {
    static final String OTHER = "other";
    static final String NONE = "none";

    private final int max;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    LabelCap(int max) {
        this.max = max;
    }

    /** The label value for {@code value}: itself while there is room (or it is already kept), else "other". */
    String of(String value) {
        if (value == null) {
            return NONE;
        }
        if (kept.contains(value)) {
            return value;
        }
        if (kept.size() >= max) {
            return OTHER;
        }
        kept.add(value); // two threads may both pass the size check: the bound can be exceeded by a few, never grow
        return value;
    }
}
