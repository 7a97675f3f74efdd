package dev.freeport.guardrails.detect;

import java.util.List;
import java.util.Set;

/** One family of detectors over plain text. Pure: no I/O, no state kept between calls, safe to share. */
public interface Detector {
    /** The kinds this detector can report. */
    Set<Kind> kinds();

    /** Appends what it finds in {@code text} to {@code out}, in any order; overlaps are resolved by the caller. */
    void scan(String text, List<Finding> out);
}
