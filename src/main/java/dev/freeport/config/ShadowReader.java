package dev.freeport.config;

import dev.freeport.config.YamlTree.Node;
import dev.freeport.config.YamlTree.Scalar;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an alias's migration-lab sections: {@code shadow:} ({@link ShadowConfig}; its targets are checked once
 * every alias is known), {@code capture:} ({@link CaptureConfig}) and {@code canary:} ({@link CanaryConfig}).
 */
final class ShadowReader {
    static final Set<String> KEYS = ConfigLoader.keys("targets", "sample", "max_concurrency", "queue", "budget");
    private static final Pattern BUDGET = Pattern.compile("\\$?\\s*(\\d+(?:\\.\\d{1,9})?)\\s*(?:usd)?\\s*/\\s*"
            + "(day|week|month)", Pattern.CASE_INSENSITIVE);

    private ShadowReader() {
    }

    /** The section, or null when absent or wrong (the problems are recorded). */
    static ShadowConfig read(Section model) {
        if (!model.has("shadow")) {
            return null;
        }
        Section s = model.section("shadow", KEYS);
        if (s.wrongKind()) {
            return null;
        }
        List<String> targets = new ArrayList<>();
        for (Node n : s.list("targets")) {
            String t = n instanceof Scalar sc && sc.text() != null ? sc.text().strip() : "";
            if (t.isEmpty()) {
                s.problem("targets", "each shadow target is the name of another alias (an entry of models:)");
            } else if (!targets.contains(t)) {
                targets.add(t);
            }
        }
        if (targets.isEmpty()) {
            s.problem("targets", "needs at least one candidate alias, e.g. targets: [ qwen-coder ]");
        }
        double sample = s.number("sample", ShadowConfig.DEFAULT_SAMPLE, 0, true, 1);
        int concurrency = s.integer("max_concurrency", ShadowConfig.DEFAULT_MAX_CONCURRENCY, 1, 1000);
        int queue = s.integer("queue", ShadowConfig.DEFAULT_QUEUE, 0, 100_000);
        String budget = s.str("budget", null);
        if (budget == null) {
            s.problem("budget", "is required: shadow requests are paid for (e.g. budget: 20usd/day)");
            return null;
        }
        Matcher m = BUDGET.matcher(budget.strip());
        if (!m.matches() || new BigDecimal(m.group(1)).signum() <= 0) {
            s.problem("budget", "\"" + budget + "\" is not a shadow budget; write it like 20usd/day, 100usd/week or"
                    + " 300usd/month (more than 0)");
            return null;
        }
        long nanos = new BigDecimal(m.group(1)).movePointRight(9).longValueExact();
        return targets.isEmpty() ? null : new ShadowConfig(targets, sample, concurrency, queue, nanos,
                m.group(2).toLowerCase(Locale.ROOT));
    }

    static final Set<String> CAPTURE_KEYS = ConfigLoader.keys("sample", "max_size", "retention", "max_total");

    /** An alias's {@code capture:} section ({@link CaptureConfig}), or null when absent or wrong. */
    static CaptureConfig capture(Section model) {
        if (!model.has("capture")) {
            return null;
        }
        Section s = model.section("capture", CAPTURE_KEYS);
        if (s.wrongKind()) {
            return null;
        }
        if (!s.has("sample")) {
            s.problem("sample", "is required: the share of answered requests kept, e.g. sample: 0.01");
            return null;
        }
        return new CaptureConfig(s.number("sample", 0.01, 0, true, 1),
                s.size("max_size", CaptureConfig.DEFAULT_MAX_SIZE),
                s.duration("retention", CaptureConfig.DEFAULT_RETENTION, false),
                s.integer("max_total", CaptureConfig.DEFAULT_MAX_TOTAL, 1, 100_000_000));
    }

    static final Set<String> CANARY_KEYS = ConfigLoader.keys("max_error_rate_delta", "min_requests", "window");

    /** An alias's {@code canary:} thresholds ({@link CanaryConfig}), or null when absent or wrong. */
    static CanaryConfig canary(Section model) {
        if (!model.has("canary")) {
            return null;
        }
        Section s = model.section("canary", CANARY_KEYS);
        if (s.wrongKind()) {
            return null;
        }
        CanaryConfig d = CanaryConfig.DEFAULT;
        java.time.Duration window = s.duration("window", d.window(), false);
        if (window != null && (window.toMillis() < 20 || window.compareTo(java.time.Duration.ofDays(1)) > 0)) {
            s.problem("window", "must be from 20ms to 1d, e.g. 10m");
        }
        return new CanaryConfig(s.number("max_error_rate_delta", d.maxErrorRateDelta(), 0, true, 1),
                s.integer("min_requests", d.minRequests(), 1, 1_000_000), window == null ? d.window() : window);
    }

    /** Every target names another alias of this file. */
    static void check(Section model, String self, ShadowConfig shadow, Set<String> known) {
        if (shadow == null) {
            return;
        }
        for (String t : shadow.targets()) {
            if (t.equals(self)) {
                model.problem("shadow", "targets: an alias cannot shadow itself (\"" + t + "\")");
            } else if (!known.contains(t)) {
                model.problem("shadow", "targets: unknown alias \"" + t + "\" (known: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")" + Suggest.hint(t, List.copyOf(known)));
            }
        }
    }
}
