package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Detector;
import dev.freeport.guardrails.detect.EmailDetector;
import dev.freeport.guardrails.detect.Finding;
import dev.freeport.guardrails.detect.IbanDetector;
import dev.freeport.guardrails.detect.Ipv6Detector;
import dev.freeport.guardrails.detect.JwtDetector;
import dev.freeport.guardrails.detect.KeyValueDetector;
import dev.freeport.guardrails.detect.Kind;
import dev.freeport.guardrails.detect.NumberDetector;
import dev.freeport.guardrails.detect.PemDetector;
import dev.freeport.guardrails.detect.TokenDetector;
import dev.freeport.guardrails.detect.UrlPasswordDetector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the detectors a set of kinds needs over one text and returns non-overlapping findings, sorted by
 * position. Where two findings overlap, the more specific kind wins (the order of {@link Kind}: a private key
 * over anything inside it, an OpenAI key over the generic secret around it, a URL password over the
 * "pass@host" that looks like an email), then the longer span. Allowlisted values are dropped. Immutable and
 * thread-safe.
 */
public final class TextScanner {
    private final Set<Kind> kinds;
    private final List<Detector> detectors;
    private final Allowlist allowlist;

    private TextScanner(Set<Kind> kinds, List<Detector> detectors, Allowlist allowlist) {
        this.kinds = kinds;
        this.detectors = detectors;
        this.allowlist = allowlist;
    }

    public static TextScanner of(Set<Kind> kinds, ScanSettings settings, Allowlist allowlist) {
        Set<Kind> k = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
        List<Detector> all = List.of(new PemDetector(), new TokenDetector(), new JwtDetector(),
                new UrlPasswordDetector(), new KeyValueDetector(settings.entropyThreshold()), new IbanDetector(),
                new NumberDetector(settings.ipScope()), new EmailDetector(), new Ipv6Detector(settings.ipScope()));
        List<Detector> used = all.stream().filter(d -> !Collections.disjoint(d.kinds(), k)).toList();
        return new TextScanner(Collections.unmodifiableSet(k), used, allowlist == null ? Allowlist.NONE : allowlist);
    }

    /** Every kind, default settings, no allowlist. */
    public static TextScanner all() {
        return of(EnumSet.allOf(Kind.class), ScanSettings.DEFAULT, Allowlist.NONE);
    }

    public Set<Kind> kinds() {
        return kinds;
    }

    public boolean isEmpty() {
        return detectors.isEmpty();
    }

    public List<Finding> scan(String text) {
        if (text == null || text.isEmpty() || detectors.isEmpty()) {
            return List.of();
        }
        List<Finding> raw = new ArrayList<>();
        for (Detector d : detectors) {
            d.scan(text, raw);
        }
        if (raw.isEmpty()) {
            return List.of();
        }
        List<Finding> kept = resolve(raw);
        List<Finding> out = new ArrayList<>(kept.size());
        for (Finding f : kept) {
            if (kinds.contains(f.kind()) && (allowlist.isEmpty()
                    || !allowlist.allows(text.substring(f.start(), f.end())))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Keeps one finding of each group of overlapping ones: the earliest kind in {@link Kind}, then the longest. */
    static List<Finding> resolve(List<Finding> raw) {
        List<Finding> sorted = new ArrayList<>(raw);
        Collections.sort(sorted);
        List<Finding> kept = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            Finding last = kept.isEmpty() ? null : kept.getLast();
            if (last == null || !last.overlaps(f)) {
                kept.add(f);
            } else if (wins(f, last)) {
                kept.set(kept.size() - 1, f);
                // the new winner may now overlap an earlier kept finding: re-check backwards
                while (kept.size() > 1 && kept.get(kept.size() - 2).overlaps(f)) {
                    Finding prev = kept.get(kept.size() - 2);
                    if (wins(f, prev)) {
                        kept.remove(kept.size() - 2);
                    } else {
                        kept.removeLast();
                        break;
                    }
                }
            }
        }
        return kept;
    }

    private static boolean wins(Finding a, Finding b) {
        int c = Integer.compare(a.kind().ordinal(), b.kind().ordinal());
        return c != 0 ? c < 0 : a.length() > b.length();
    }
}
