package dev.freeport.route.drill;

import dev.freeport.api.Usage;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.drill.DrillReport.AliasImpact;
import dev.freeport.route.drill.DrillReport.Latency;
import dev.freeport.route.drill.DrillReport.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The outage drill: "what if this vendor went away?" answered from the ledger's real traffic, without touching a
 * live gateway. Pure: events and routes in, a {@link DrillReport} out.
 *
 * <p>An alias whose every target belongs to the vendor would fail; one with other targets would fall back to the
 * first remaining target in configured order; the rest are unaffected. The requests that went to the vendor are
 * re-priced with the fallback's price ({@link PriceCatalog#costNanos}), and the fallback's observed latency in
 * the same window is set against the vendor's. An event's vendor is that of its target (provider and model) in
 * the routes, else of any target of its provider, else its provider name.
 */
public final class OutageDrill {

    private OutageDrill() {
    }

    /** Runs the drill for {@code vendor} over the events with {@code from <= time < to}. */
    public static DrillReport run(String vendor, Instant from, Instant to, List<UsageEvent> events,
                                  List<DrillRoute> routes) {
        String gone = vendor.toLowerCase(Locale.ROOT);
        Vendors vendors = Vendors.of(routes);
        List<UsageEvent> window = events.stream()
                .filter(e -> e.time() != null && !e.time().isBefore(from) && e.time().isBefore(to)).toList();
        Map<String, List<UsageEvent>> byAlias = new LinkedHashMap<>();
        for (UsageEvent e : window) {
            byAlias.computeIfAbsent(e.alias() == null ? "" : e.alias(), k -> new ArrayList<>()).add(e);
        }
        List<AliasImpact> impacts = new ArrayList<>();
        for (DrillRoute route : routes) {
            List<UsageEvent> mine = byAlias.getOrDefault(route.alias(), List.of());
            impacts.add(impact(route, mine, gone, vendors, window));
        }
        byAlias.forEach((alias, mine) -> {
            if (!alias.isEmpty() && routes.stream().noneMatch(r -> r.alias().equals(alias))) {
                List<UsageEvent> via = mine.stream().filter(e -> gone.equals(vendors.of(e))).toList();
                impacts.add(new AliasImpact(alias, Verdict.NOT_CONFIGURED, mine.size(), via.size(), null, false,
                        spend(mine), null, latency(via), Latency.NONE, 0));
            }
        });
        return new DrillReport(gone, from, to, impacts, totals(window, impacts, gone, vendors));
    }

    private static AliasImpact impact(DrillRoute route, List<UsageEvent> mine, String gone, Vendors vendors,
                                      List<UsageEvent> window) {
        List<UsageEvent> via = mine.stream().filter(e -> gone.equals(vendors.of(e))).toList();
        long then = spend(mine);
        DrillTarget fallback = route.targets().stream().filter(t -> !gone.equals(lower(t.vendor()))).findFirst()
                .orElse(null);
        boolean touched = route.targets().stream().anyMatch(t -> gone.equals(lower(t.vendor())));
        if (!touched) {
            return new AliasImpact(route.alias(), Verdict.UNAFFECTED, mine.size(), via.size(), null, false, then,
                    then, latency(via), Latency.NONE, 0);
        }
        if (fallback == null) {
            return new AliasImpact(route.alias(), Verdict.FAIL, mine.size(), via.size(), null, false, then, null,
                    latency(via), Latency.NONE, mine.size());
        }
        long now = then;
        for (UsageEvent e : via) {
            now += repriced(fallback, e) - e.costNanos();
        }
        List<UsageEvent> servedByFallback = window.stream()
                .filter(e -> fallback.provider().equals(e.provider()) && fallback.model().equals(e.upstreamModel()))
                .toList();
        return new AliasImpact(route.alias(), Verdict.FALL_BACK, mine.size(), via.size(), fallback.label(),
                fallback.price() != null, then, now, latency(via), latency(servedByFallback), 0);
    }

    /** The event's tokens at the fallback's price (0 when its price is unknown). */
    static long repriced(DrillTarget fallback, UsageEvent e) {
        if (fallback.price() == null) {
            return 0;
        }
        Usage usage = new Usage(e.inputTokens(), e.outputTokens(), e.cachedInputTokens(), e.cacheCreationTokens(),
                e.reasoningTokens(), e.estimated());
        return PriceCatalog.costNanos(fallback.price(), usage, e.latencyMillis());
    }

    private static DrillReport.Totals totals(List<UsageEvent> window, List<AliasImpact> impacts, String gone,
                                             Vendors vendors) {
        List<UsageEvent> via = window.stream().filter(e -> gone.equals(vendors.of(e))).toList();
        int failing = 0;
        int fallingBack = 0;
        int unaffected = 0;
        long failingRequests = 0;
        long failingSpend = 0;
        long delta = 0;
        for (AliasImpact a : impacts) {
            switch (a.verdict()) {
                case FAIL -> {
                    failing++;
                    failingRequests += a.failingRequests();
                    failingSpend += a.costThenNanos();
                }
                case FALL_BACK -> {
                    fallingBack++;
                    delta += a.costDeltaNanos();
                }
                case UNAFFECTED -> unaffected++;
                case NOT_CONFIGURED -> {
                    // no verdict: counted in the requests and the vendor's share only
                }
            }
        }
        return new DrillReport.Totals(window.size(), via.size(), spend(window), spend(via), failing, fallingBack,
                unaffected, failingRequests, failingSpend, delta);
    }

    private static long spend(List<UsageEvent> events) {
        long sum = 0;
        for (UsageEvent e : events) {
            sum += e.costNanos();
        }
        return sum;
    }

    /** Medians over the successful events. */
    static Latency latency(List<UsageEvent> events) {
        List<Long> total = new ArrayList<>();
        List<Long> ttft = new ArrayList<>();
        for (UsageEvent e : events) {
            if (e.status() == UsageEvent.Status.OK) {
                total.add(e.latencyMillis());
                if (e.ttftMillis() != null) {
                    ttft.add(e.ttftMillis());
                }
            }
        }
        return total.isEmpty() ? Latency.NONE : new Latency(total.size(), median(total), median(ttft));
    }

    /** The middle value; for an even count the mean of the two middle values, rounded down. Null when empty. */
    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Vendor of a ledger event: its target's, else its provider's (when all its targets agree), else its name. */
    private record Vendors(Map<String, String> byTarget, Map<String, String> byProvider) {

        static Vendors of(List<DrillRoute> routes) {
            Map<String, String> byTarget = new HashMap<>();
            Map<String, String> byProvider = new HashMap<>();
            for (DrillRoute r : routes) {
                for (DrillTarget t : r.targets()) {
                    String v = lower(t.vendor());
                    if (v == null) {
                        continue;
                    }
                    byTarget.putIfAbsent(t.label(), v);
                    byProvider.merge(t.provider(), v, (a, b) -> Objects.equals(a, b) ? a : "");
                }
            }
            return new Vendors(byTarget, byProvider);
        }

        String of(UsageEvent e) {
            if (e.provider() == null) {
                return null;
            }
            String v = byTarget.get(e.provider() + "/" + e.upstreamModel());
            if (v != null) {
                return v;
            }
            v = byProvider.get(e.provider());
            return v != null && !v.isEmpty() ? v : lower(e.provider());
        }
    }
}
