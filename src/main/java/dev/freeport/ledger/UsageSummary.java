package dev.freeport.ledger;

import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.StoreConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code freeport usage --since 24h [--by alias|provider|model] [--json]} shows: requests, outcomes, tokens,
 * cost and median latency per group, plus a total. {@link #load} reads a data directory without writing to it, so
 * it works next to a running gateway (SQLite WAL reader) and also counts events still only in the journal (merged
 * by id: an event in both places counts once).
 */
public final class UsageSummary {

    /** The grouping key. MODEL is the upstream model of the last attempt. */
    public enum GroupBy {
        ALIAS, PROVIDER, MODEL;

        public static GroupBy parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }

        String keyOf(UsageEvent e) {
            String k = switch (this) {
                case ALIAS -> e.alias();
                case PROVIDER -> e.provider();
                case MODEL -> e.upstreamModel();
            };
            k = k == null ? NONE : k;
            return SHADOW.equals(e.endpoint()) ? k + SHADOW_SUFFIX : k; // shadow traffic: a row of its own
        }
    }

    /**
     * One line of the summary. {@code p50LatencyMillis}: median (nearest rank) of latencyMillis; {@code unpriced}:
     * requests whose cost is unknown (no price, or no exchange rate), which {@code costNanos} does not include.
     */
    public record Row(String key, long requests, long ok, long failed, long cut, long cancelled, long inputTokens,
                      long outputTokens, long cachedInputTokens, long costNanos, long p50LatencyMillis,
                      long unpriced) {

        public Row(String key, long requests, long ok, long failed, long cut, long cancelled, long inputTokens,
                   long outputTokens, long cachedInputTokens, long costNanos, long p50LatencyMillis) {
            this(key, requests, ok, failed, cut, cancelled, inputTokens, outputTokens, cachedInputTokens, costNanos,
                    p50LatencyMillis, 0);
        }
    }

    /**
     * Traffic whose cost is unknown, as its own line: requests, their tokens, and the provider/model pairs without a
     * price (or without an exchange rate), most requests first.
     */
    public record Unpriced(long requests, long inputTokens, long outputTokens, List<String> models) {
    }

    /** The endpoint of the migration lab's shadow requests, and what their rows' keys end with. */
    public static final String SHADOW = "shadow";
    public static final String SHADOW_SUFFIX = " (shadow)";
    /** Key shown for events without alias/provider/model. */
    public static final String NONE = "(none)";
    public static final String TOTAL = "TOTAL";
    /** how far back a summary may read: a century (the config's syntax, {@code ConfigUnits.parseDuration}) */
    private static final Duration MAX_SINCE = Duration.ofDays(36_500);

    private final Instant since;
    private final GroupBy by;
    private final List<Row> rows;
    private final Row total;
    private final Unpriced unpriced;

    private UsageSummary(Instant since, GroupBy by, List<Row> rows, Row total, Unpriced unpriced) {
        this.since = since;
        this.by = by;
        this.rows = rows;
        this.total = total;
        this.unpriced = unpriced;
    }

    /** The traffic whose cost is unknown (zero requests when every request was priced). */
    public Unpriced unpriced() {
        return unpriced;
    }

    /**
     * Summarizes the embedded ledger in {@code dataDir} from {@code since} on: the journal segments first, then the
     * SQLite database (read-only), so an event moved from journal to database in between is still seen.
     */
    public static UsageSummary load(Path dataDir, Instant since, GroupBy by) {
        return load(dataDir, StoreConfig.EMBEDDED, since, by);
    }

    /**
     * Summarizes the ledger whose database {@code store} names, from {@code since} on, without writing to it. SQLite:
     * {@code dataDir/freeport.db}. PostgreSQL: the shared database, i.e. the events of every replica that reached
     * it; plus, when {@code dataDir} is given (may be null), the events still only in that data dir's journal, i.e.
     * this replica's not yet moved ones (other replicas' journal-only events are not visible from here). Journal and
     * database are merged by id, so an event found in both counts once.
     */
    public static UsageSummary load(Path dataDir, StoreConfig store, Instant since, GroupBy by) {
        Aggregator agg = new Aggregator(by);
        LedgerReader.forEach(dataDir, store, since, agg::add);
        return agg.result(since);
    }

    /** Summarizes the given events (those before {@code since} are ignored). */
    public static UsageSummary of(Collection<UsageEvent> events, Instant since, GroupBy by) {
        Aggregator agg = new Aggregator(by);
        for (UsageEvent e : events) {
            if (!e.time().isBefore(since)) {
                agg.add(e);
            }
        }
        return agg.result(since);
    }

    /** Parses "90s", "30m", "24h", "7d" (a bare number means hours is NOT assumed: it is rejected). */
    public static Duration parseSince(String text) {
        return dev.freeport.config.ConfigUnits.parseDuration(text == null ? "" : text, false, MAX_SINCE);
    }

    public Instant since() {
        return since;
    }

    public GroupBy by() {
        return by;
    }

    /** Groups, highest cost first (then most requests, then key). */
    public List<Row> rows() {
        return rows;
    }

    public Row total() {
        return total;
    }

    /** An aligned text table, costs in dollars (see {@link #formatCost}). */
    public String toTable() {
        String[] head = {by.name(), "REQUESTS", "OK", "FAILED", "CUT", "CANCELLED", "INPUT", "OUTPUT", "CACHED",
            "COST", "P50_MS"};
        List<String[]> lines = new ArrayList<>();
        lines.add(head);
        rows.forEach(r -> lines.add(cells(r)));
        lines.add(cells(total));
        int[] width = new int[head.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            if (n == lines.size() - 1) {
                int all = Arrays.stream(width).sum() + 2 * (width.length - 1);
                sb.append("-".repeat(all)).append('\n');
            }
            String[] l = lines.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[i] - l[i].length());
                line.append(i == 0 ? l[i] + pad : pad + l[i]);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        if (unpriced.requests() > 0) {
            sb.append("COST UNKNOWN  ").append(unpriced.requests()).append(" request(s), ")
                    .append(unpriced.inputTokens()).append(" input / ").append(unpriced.outputTokens())
                    .append(" output tokens, not in COST (no price, or no exchange rate): ")
                    .append(String.join(", ", unpriced.models())).append('\n');
        }
        return sb.toString();
    }

    private static String[] cells(Row r) {
        return new String[] {r.key(), Long.toString(r.requests()), Long.toString(r.ok()), Long.toString(r.failed()),
            Long.toString(r.cut()), Long.toString(r.cancelled()), Long.toString(r.inputTokens()),
            Long.toString(r.outputTokens()), Long.toString(r.cachedInputTokens()), formatCost(r.costNanos()),
            Long.toString(r.p50LatencyMillis())};
    }

    /** JSON with every figure; costs both as integer nanos and as an exact decimal USD string. */
    public String toJson() {
        JsonArray arr = new JsonArray();
        rows.forEach(r -> arr.add(json(r)));
        return new JsonObject()
                .put("since", since.toString())
                .put("by", by.name().toLowerCase(Locale.ROOT))
                .put("rows", arr)
                .put("total", json(total))
                .put("cost_unknown", new JsonObject().put("requests", unpriced.requests())
                        .put("input_tokens", unpriced.inputTokens()).put("output_tokens", unpriced.outputTokens())
                        .put("models", new JsonArray(new ArrayList<>(unpriced.models()))))
                .encodePrettily();
    }

    private static JsonObject json(Row r) {
        JsonObject n = new JsonObject();
        n.put("key", r.key());
        n.put("requests", r.requests());
        n.put("ok", r.ok());
        n.put("failed", r.failed());
        n.put("cut", r.cut());
        n.put("cancelled", r.cancelled());
        n.put("input_tokens", r.inputTokens());
        n.put("output_tokens", r.outputTokens());
        n.put("cached_input_tokens", r.cachedInputTokens());
        n.put("cost_nanos", r.costNanos());
        n.put("cost_usd", PriceCatalog.formatUsd(r.costNanos()));
        n.put("p50_latency_ms", r.p50LatencyMillis());
        n.put("cost_unknown", r.unpriced());
        return n;
    }

    /**
     * Dollars rounded half-up to 6 decimals, trailing zeros trimmed down to cents: 11667000 nanos → "$0.011667",
     * 1.5e9 → "$1.50", 0 → "$0.00"; a non-zero cost below half a micro-dollar shows as "<$0.000001".
     */
    public static String formatCost(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, 9).setScale(6, RoundingMode.HALF_UP);
        if (usd.signum() == 0 && nanos > 0) {
            return "<$0.000001";
        }
        BigDecimal trimmed = usd.stripTrailingZeros();
        if (trimmed.scale() < 2) {
            trimmed = trimmed.setScale(2, RoundingMode.UNNECESSARY);
        }
        String s = trimmed.toPlainString();
        return s.startsWith("-") ? "-$" + s.substring(1) : "$" + s;
    }

    /** Mutable accumulation of one group. */
    private static final class Acc {
        long requests, ok, failed, cut, cancelled, input, output, cached, cost, unpriced;
        long[] latencies = new long[16];

        void add(UsageEvent e) {
            if (requests == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) requests++] = e.latencyMillis();
            switch (e.status() == null ? UsageEvent.Status.FAILED : e.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                case CUT -> cut++;
                case CANCELLED -> cancelled++;
            }
            input += e.inputTokens();
            output += e.outputTokens();
            cached += e.cachedInputTokens();
            cost += e.costNanos();
            unpriced += e.costKnown() ? 0 : 1;
        }

        Row row(String key) {
            long p50 = 0;
            if (requests > 0) {
                long[] l = Arrays.copyOf(latencies, (int) requests);
                Arrays.sort(l);
                p50 = l[(int) ((requests - 1) / 2)];
            }
            return new Row(key, requests, ok, failed, cut, cancelled, input, output, cached, cost, p50, unpriced);
        }
    }

    private static final class Aggregator {
        private final GroupBy by;
        private final Map<String, Acc> groups = new LinkedHashMap<>();
        private final Acc total = new Acc();
        private final Map<String, long[]> unpriced = new LinkedHashMap<>();

        Aggregator(GroupBy by) {
            this.by = by;
        }

        void add(UsageEvent e) {
            groups.computeIfAbsent(by.keyOf(e), k -> new Acc()).add(e);
            total.add(e);
            if (!e.costKnown()) {
                long[] u = unpriced.computeIfAbsent(e.provider() + "/" + e.upstreamModel(), k -> new long[3]);
                u[0]++;
                u[1] += e.inputTokens();
                u[2] += e.outputTokens();
            }
        }

        private Unpriced unpriced() {
            long[] sum = new long[3];
            unpriced.values().forEach(u -> {
                sum[0] += u[0];
                sum[1] += u[1];
                sum[2] += u[2];
            });
            List<String> models = unpriced.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> m) -> m.getValue()[0]).reversed()
                            .thenComparing(m -> m.getKey()))
                    .map(Map.Entry::getKey).toList();
            return new Unpriced(sum[0], sum[1], sum[2], models);
        }

        UsageSummary result(Instant since) {
            List<Row> rows = new ArrayList<>();
            groups.forEach((k, a) -> rows.add(a.row(k)));
            rows.sort(Comparator.comparingLong(Row::costNanos).reversed()
                    .thenComparing(Comparator.comparingLong(Row::requests).reversed())
                    .thenComparing(Row::key));
            return new UsageSummary(since, by, List.copyOf(rows), total.row(TOTAL), unpriced());
        }
    }
}
