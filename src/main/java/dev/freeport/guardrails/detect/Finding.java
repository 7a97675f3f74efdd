package dev.freeport.guardrails.detect;

import java.util.Objects;

/**
 * One detected span of a scanned text: its kind and [start, end) offsets. It never holds the value, so it can
 * be logged, counted and returned in errors as it is.
 */
public record Finding(Kind kind, int start, int end) implements Comparable<Finding> {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Finding o) {
        return start < o.end && o.start < end;
    }

    @Override
    public int compareTo(Finding o) {
        int c = Integer.compare(start, o.start);
        return c != 0 ? c : Integer.compare(o.end, end);
    }
}
