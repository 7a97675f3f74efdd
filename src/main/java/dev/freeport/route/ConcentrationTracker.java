package dev.freeport.route;

import dev.freeport.config.RoutingConfig.CapConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each vendor's share of spend and of tokens over rolling windows, for the concentration caps: a vendor past its
 * cap is excluded from a request's plan while other capable targets remain. Counts served requests in one-second
 * buckets (a ring per window length), fed by {@link #record} when a request ends; {@link #over} answers in O(vendors).
 *
 * <p>Two modes. <b>Local</b> (one process, embedded ledger): the rings are the truth, seeded from the ledger at
 * start. <b>Shared</b> (several replicas over one PostgreSQL ledger, {@link #shareWith}): every couple of seconds the
 * gateway loads each window's totals per vendor from the shared database ({@link #replaceBaseline}: every
 * replica's served requests), and this process adds its own requests recorded since that query. A request of
 * another replica counts here once it reached the database (its flush interval, about a second, plus the refresh
 * period).
 */
public final class ConcentrationTracker {
    private static final int BUCKETS = 120;

    private final Object lock = new Object();
    /** window millis -> ring */
    private final Map<Long, Ring> rings = new HashMap<>();
    private volatile List<CapConfig> caps = List.of();
    private volatile boolean shared;
    /** shared mode: window millis -> vendor -> {requests, cost, tokens} from the database, and when it was asked */
    private final Map<Long, Map<String, long[]>> baseline = new HashMap<>();
    private final Map<Long, Long> baselineAsOf = new HashMap<>();
    /** shared mode: this process's requests since the oldest baseline query */
    private final java.util.ArrayDeque<Local> recent = new java.util.ArrayDeque<>();

    private record Local(long at, String vendor, long cost, long tokens) {
    }

    /** The caps to enforce (a reload replaces them; counts are kept). */
    public void configure(List<CapConfig> newCaps) {
        synchronized (lock) {
            for (CapConfig c : newCaps) {
                rings.computeIfAbsent(c.window().toMillis(), Ring::new);
            }
            caps = List.copyOf(newCaps);
        }
    }

    public boolean enabled() {
        return !caps.isEmpty();
    }

    /** Switches to shared mode: totals come from {@link #replaceBaseline} plus this process's later requests. */
    public void shareWith() {
        shared = true;
    }

    public boolean shared() {
        return shared;
    }

    /** The window lengths (ms) the caps use, for the refresher. */
    public java.util.Set<Long> windows() {
        return caps.stream().map(c -> c.window().toMillis()).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Shared mode: the database's totals per vendor ({requests, cost nanos, tokens}) for one window, as of a query
     * started at {@code askedAtMillis}. This process's requests recorded before that moment are now counted there.
     */
    public void replaceBaseline(long windowMillis, Map<String, long[]> byVendor, long askedAtMillis) {
        synchronized (lock) {
            baseline.put(windowMillis, Map.copyOf(byVendor));
            baselineAsOf.put(windowMillis, askedAtMillis);
            long oldest = baselineAsOf.values().stream().mapToLong(Long::longValue).min().orElse(askedAtMillis);
            while (!recent.isEmpty() && recent.peekFirst().at() < oldest) {
                recent.pollFirst();
            }
        }
    }

    /** A served request: its vendor, cost and tokens, at {@code atMillis}. */
    public void record(String vendor, long costNanos, long tokens, long atMillis) {
        if (caps.isEmpty() || vendor == null) {
            return;
        }
        synchronized (lock) {
            if (shared) {
                recent.addLast(new Local(atMillis, vendor, costNanos, tokens));
                return;
            }
            for (Ring r : rings.values()) {
                r.add(vendor, costNanos, tokens, atMillis);
            }
        }
    }

    /** Null when the vendor is within every cap; otherwise which cap it is past, e.g. "openai at 62% of spend". */
    public String over(String vendor, long nowMillis) {
        List<CapConfig> current = caps;
        if (current.isEmpty()) {
            return null;
        }
        synchronized (lock) {
            for (CapConfig c : current) {
                if (!c.vendor().equals("*") && !c.vendor().equals(vendor)) {
                    continue;
                }
                Ring.Totals t = shared ? sharedTotals(c.window().toMillis(), vendor, nowMillis)
                        : rings.get(c.window().toMillis()).totals(vendor, nowMillis);
                if (t.requests() < c.minRequests()) {
                    continue;
                }
                boolean spend = c.measure().equals("spend");
                long mine = spend ? t.vendorCost() : t.vendorTokens();
                long all = spend ? t.allCost() : t.allTokens();
                if (all > 0 && (double) mine / all > c.maxShare()) {
                    return String.format(java.util.Locale.ROOT, "vendor %s at %.0f%% of %s over %s > cap %.0f%%",
                            vendor, 100.0 * mine / all, spend ? "spend" : "tokens", human(c.window()),
                            100 * c.maxShare());
                }
            }
        }
        return null;
    }

    private Ring.Totals sharedTotals(long window, String vendor, long now) {
        long requests = 0, vc = 0, vt = 0, ac = 0, at = 0;
        Map<String, long[]> base = baseline.getOrDefault(window, Map.of());
        for (Map.Entry<String, long[]> e : base.entrySet()) {
            long[] v = e.getValue();
            requests += v[0];
            ac += v[1];
            at += v[2];
            if (e.getKey().equals(vendor)) {
                vc += v[1];
                vt += v[2];
            }
        }
        long since = Math.max(baselineAsOf.getOrDefault(window, Long.MIN_VALUE), now - window);
        for (Local l : recent) {
            if (l.at() >= since) {
                requests++;
                ac += l.cost();
                at += l.tokens();
                if (l.vendor().equals(vendor)) {
                    vc += l.cost();
                    vt += l.tokens();
                }
            }
        }
        return new Ring.Totals(requests, vc, vt, ac, at);
    }

    private static String human(java.time.Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** One window: BUCKETS slots of window/BUCKETS ms each, per vendor cost and tokens. */
    private static final class Ring {
        record Totals(long requests, long vendorCost, long vendorTokens, long allCost, long allTokens) {
        }

        private final long slotMillis;
        private final long[] slotStart = new long[BUCKETS];
        private final Map<String, long[][]> byVendor = new HashMap<>(); // vendor -> [slot][cost, tokens, requests]

        Ring(long windowMillis) {
            this.slotMillis = Math.max(1, windowMillis / BUCKETS);
            java.util.Arrays.fill(slotStart, Long.MIN_VALUE);
        }

        void add(String vendor, long cost, long tokens, long at) {
            long start = at - Math.floorMod(at, slotMillis);
            int i = (int) Math.floorMod(start / slotMillis, (long) BUCKETS);
            if (slotStart[i] != start) {
                if (slotStart[i] > start) {
                    return; // older than the window
                }
                slotStart[i] = start;
                for (long[][] v : byVendor.values()) {
                    v[i][0] = 0;
                    v[i][1] = 0;
                    v[i][2] = 0;
                }
            }
            long[] s = byVendor.computeIfAbsent(vendor, k -> new long[BUCKETS][3])[i];
            s[0] += cost;
            s[1] += tokens;
            s[2]++;
        }

        Totals totals(String vendor, long now) {
            long oldest = now - slotMillis * BUCKETS;
            long requests = 0, vc = 0, vt = 0, ac = 0, at = 0;
            for (Map.Entry<String, long[][]> e : byVendor.entrySet()) {
                boolean mine = e.getKey().equals(vendor);
                long[][] slots = e.getValue();
                for (int i = 0; i < BUCKETS; i++) {
                    if (slotStart[i] == Long.MIN_VALUE || slotStart[i] <= oldest || slotStart[i] > now) {
                        continue;
                    }
                    requests += slots[i][2];
                    ac += slots[i][0];
                    at += slots[i][1];
                    if (mine) {
                        vc += slots[i][0];
                        vt += slots[i][1];
                    }
                }
            }
            return new Totals(requests, vc, vt, ac, at);
        }
    }
}
