package dev.freeport.observe;

import dev.freeport.caller.Principal;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.Attempt;
import dev.freeport.route.Target;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The per-request meters, updated once when a request ends from its ledger event and attempts. Meters are
 * registered the first time their label set is seen and cached: a request finds its label set's meters in an
 * open-addressed table compared field by field (no key object; a new label set takes the slow path through the
 * maps once), one identity lookup per attempt, and the meters' own adds; nothing is allocated or registered again. Every label that a caller or a config can make unbounded goes
 * through a {@link LabelCap}.
 */
final class RequestMeters {
    private static final String[] STATUS = names(UsageEvent.Status.values());
    private static final String[] HTTP = new String[600];

    static {
        for (int i = 0; i < HTTP.length; i++) {
            HTTP[i] = Integer.toString(i);
        }
    }

    private final MeterRegistry registry;
    private final LabelCap aliases;
    private final LabelCap models;
    private final LabelCap providers;
    private final LabelCap keys;
    private final LabelCap teams;
    private final Targets targets;

    private final Map<RequestKey, Bundle> bundles = new ConcurrentHashMap<>();
    /** the fast path to {@link #bundles}: slots written once per label set (or overwritten when probing fails) */
    private final AtomicReferenceArray<Bundle> table = new AtomicReferenceArray<>(TABLE);
    private static final int TABLE = 4096;
    private static final int PROBES = 8;
    private final Map<OutcomeKey, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<ServingKey, Serving> serving = new ConcurrentHashMap<>();
    private final Map<CallerKey, CallerMeters> callers = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    RequestMeters(MeterRegistry registry, int maxValues, int maxKeys) {
        this.registry = registry;
        this.aliases = new LabelCap(maxValues);
        this.models = new LabelCap(maxValues);
        this.providers = new LabelCap(maxValues);
        this.keys = new LabelCap(maxKeys);
        this.teams = new LabelCap(maxKeys);
        this.targets = new Targets(registry, providers, models);
    }

    /** Every label of one request; {@code status} is the ordinal of its {@link UsageEvent.Status}. */
    private record RequestKey(String op, String alias, String provider, String model, String vendor, String front,
                              int status, String error, int http, String key, String team) {
    }

    /** The meters of one request's label set; {@code serving} is null unless it was answered. */
    private record Bundle(RequestKey key, Outcome outcome, Serving serving, CallerMeters caller) {
    }

    private record OutcomeKey(String op, String alias, String provider, String model, String vendor, String front,
                              String status, String error, String http) {
    }

    private record ServingKey(String op, String alias, String provider, String model, String vendor, String front) {
    }

    private record CallerKey(String key, String team) {
    }

    private record Outcome(Counter requests, Timer duration) {
    }

    private record Serving(Timer firstToken, DistributionSummary inputUsage, DistributionSummary outputUsage,
                           Counter input, Counter output, Counter cachedInput, Counter cacheCreation,
                           Counter reasoning, LongAdder costNanos) {
    }

    private record CallerMeters(Counter[] requests, Counter input, Counter output, LongAdder costNanos) {
    }

    /** Counts one ended request. */
    void record(UsageEvent e, Principal principal, String front, List<Attempt> tried) {
        String alias = "not_found".equals(e.errorKind()) ? "unknown" : aliases.of(e.alias());
        Target last = tried.isEmpty() ? null : tried.get(tried.size() - 1).target();
        String op = e.endpoint() == null ? LabelCap.NONE : e.endpoint();
        String provider = providers.of(e.provider());
        String model = models.of(e.upstreamModel());
        String vendor = last == null ? LabelCap.NONE : providers.of(last.profile().vendor());
        String fr = front == null ? LabelCap.NONE : front;
        int status = e.status().ordinal();
        String error = e.errorKind() == null ? LabelCap.NONE : e.errorKind();
        String key = keys.of(e.caller());
        String team = teams.of(principal == null ? null : principal.team());
        int h = hash(op, alias, provider, model, vendor, fr, error, key, team) * 31 + status * 1031 + e.httpStatus();
        Bundle b = null;
        for (int p = 0; p < PROBES && b == null; p++) {
            Bundle x = table.get((h + p) & (TABLE - 1));
            if (x == null) {
                break;
            }
            RequestKey k = x.key();
            if (k.status() == status && k.http() == e.httpStatus() && eq(k.op(), op) && eq(k.alias(), alias)
                    && eq(k.provider(), provider) && eq(k.model(), model) && eq(k.vendor(), vendor)
                    && eq(k.front(), fr) && eq(k.error(), error) && eq(k.key(), key) && eq(k.team(), team)) {
                b = x;
            }
        }
        if (b == null) { // first time here (or a crowded slot): the maps, then remember it in the table
            b = lookup(bundles, new RequestKey(op, alias, provider, model, vendor, fr, status, error,
                    e.httpStatus(), key, team), this::bundle);
            remember(h, b);
        }

        b.outcome().requests().increment();
        b.outcome().duration().record(e.latencyMillis(), TimeUnit.MILLISECONDS);
        Serving s = b.serving();
        if (s != null) {
            if (e.stream() && e.ttftMillis() != null) {
                s.firstToken().record(e.ttftMillis(), TimeUnit.MILLISECONDS);
            }
            s.inputUsage().record(e.inputTokens());
            s.outputUsage().record(e.outputTokens());
            add(s.input(), e.inputTokens());
            add(s.output(), e.outputTokens());
            add(s.cachedInput(), e.cachedInputTokens());
            add(s.cacheCreation(), e.cacheCreationTokens());
            add(s.reasoning(), e.reasoningTokens());
            if (e.costNanos() != 0) {
                s.costNanos().add(e.costNanos());
            }
        }
        CallerMeters c = b.caller();
        c.requests()[status].increment();
        add(c.input(), e.inputTokens());
        add(c.output(), e.outputTokens());
        if (e.costNanos() != 0) {
            c.costNanos().add(e.costNanos());
        }

        for (int i = 0; i < tried.size(); i++) {
            targets.attempt(tried.get(i));
        }
        if (tried.size() > 1) {
            lookup(retries, alias, this::retry).increment(tried.size() - 1);
        }
    }

    /** The meters of a label set seen for the first time (each shared with other sets that have its labels). */
    private Bundle bundle(RequestKey k) {
        Outcome o = lookup(outcomes, new OutcomeKey(k.op(), k.alias(), k.provider(), k.model(), k.vendor(),
                k.front(), STATUS[k.status()], k.error(), http(k.http())), this::outcome);
        boolean served = !LabelCap.NONE.equals(k.provider()) && (k.status() == UsageEvent.Status.OK.ordinal()
                || k.status() == UsageEvent.Status.CUT.ordinal());
        Serving s = served ? lookup(serving, new ServingKey(k.op(), k.alias(), k.provider(), k.model(), k.vendor(),
                k.front()), this::serving) : null;
        CallerMeters c = lookup(callers, new CallerKey(k.key(), k.team()), this::caller);
        return new Bundle(k, o, s, c);
    }

    private void remember(int h, Bundle b) {
        for (int p = 0; p < PROBES; p++) {
            if (table.compareAndSet((h + p) & (TABLE - 1), null, b)) {
                return;
            }
        }
        table.set(h & (TABLE - 1), b); // crowded: the newest label set takes the first slot
    }

    /** Fixed arity (varargs would allocate an array per request). */
    private static int hash(String op, String alias, String provider, String model, String vendor, String front,
                            String error, String key, String team) {
        int h = op.hashCode();
        h = h * 31 + alias.hashCode();
        h = h * 31 + provider.hashCode();
        h = h * 31 + model.hashCode();
        h = h * 31 + vendor.hashCode();
        h = h * 31 + front.hashCode();
        h = h * 31 + error.hashCode();
        h = h * 31 + key.hashCode();
        h = h * 31 + team.hashCode();
        return h ^ (h >>> 16);
    }

    private static boolean eq(String a, String b) {
        return a == b || a.equals(b);
    }

    /** Adds only what is there: most requests have no cached or reasoning tokens. */
    private static void add(Counter c, long n) {
        if (n != 0) {
            c.increment(n);
        }
    }

    private static <K, V> V lookup(Map<K, V> cache, K key, Function<K, V> create) {
        V v = cache.get(key);
        return v != null ? v : cache.computeIfAbsent(key, create);
    }

    private Outcome outcome(OutcomeKey k) {
        Tags requestTags = Tags.of("endpoint", k.op(), "alias", k.alias(), "provider", k.provider(), "model", k.model(),
                "front", k.front(), "status", k.status(), "error_kind", k.error(), "http_status", k.http());
        Counter requests = Counter.builder("freeport.requests").description("Requests that ended, by outcome")
                .tags(requestTags).register(registry);
        Timer duration = Timer.builder("gen_ai.client.operation.duration")
                .description("Request duration, arrival to last byte (GenAI semantic conventions)")
                .tags(genAi(k.op(), k.vendor(), k.alias(), k.model(), k.front()))
                .tag("error.type", k.error().equals(LabelCap.NONE) ? "" : k.error())
                .serviceLevelObjectives(Buckets.OPERATION).register(registry);
        return new Outcome(requests, duration);
    }

    private Serving serving(ServingKey k) {
        Tags genAi = genAi(k.op(), k.vendor(), k.alias(), k.model(), k.front());
        Tags ours = Tags.of("alias", k.alias(), "provider", k.provider(), "model", k.model(), "front", k.front());
        Timer ttft = Timer.builder("gen_ai.server.time_to_first_token")
                .description("Time to the first token of streamed answers (GenAI semantic conventions)")
                .tags(genAi).serviceLevelObjectives(Buckets.FIRST_TOKEN).register(registry);
        LongAdder cost = new LongAdder();
        FunctionCounter.builder("freeport.cost.usd", cost, a -> a.sum() / 1e9)
                .description("Cost of answered requests in USD (summed exactly in nano-dollars)")
                .tags(ours).register(registry);
        return new Serving(ttft, usage(genAi, "input"), usage(genAi, "output"), tokens(ours, "input"),
                tokens(ours, "output"), tokens(ours, "cached_input"), tokens(ours, "cache_creation"),
                tokens(ours, "reasoning"), cost);
    }

    private DistributionSummary usage(Tags genAi, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Tokens per request (GenAI semantic conventions)")
                .tags(genAi).tag("gen_ai.token.type", type).serviceLevelObjectives(Buckets.TOKENS).register(registry);
    }

    private Counter tokens(Tags ours, String type) {
        return Counter.builder("freeport.tokens").description("Tokens of answered requests, by type")
                .tags(ours).tag("type", type).register(registry);
    }

    private CallerMeters caller(CallerKey k) {
        Tags tags = Tags.of("key", k.key(), "team", k.team());
        Counter[] requests = new Counter[STATUS.length];
        for (int i = 0; i < STATUS.length; i++) {
            requests[i] = Counter.builder("freeport.caller.requests").description("Requests per key and team")
                    .tags(tags).tag("status", STATUS[i]).register(registry);
        }
        LongAdder cost = new LongAdder();
        FunctionCounter.builder("freeport.caller.cost.usd", cost, a -> a.sum() / 1e9)
                .description("Cost per key and team in USD").tags(tags).register(registry);
        return new CallerMeters(requests, callerTokens(tags, "input"), callerTokens(tags, "output"), cost);
    }

    private Counter callerTokens(Tags tags, String type) {
        return Counter.builder("freeport.caller.tokens").description("Tokens per key and team")
                .tags(tags).tag("type", type).register(registry);
    }

    private Counter retry(String alias) {
        return Counter.builder("freeport.upstream.retries")
                .description("Attempts beyond the first (retries and fallbacks), by alias")
                .tags("alias", alias).register(registry);
    }

    private static Tags genAi(String op, String vendor, String alias, String model, String front) {
        return Tags.of("gen_ai.operation.name", op, "gen_ai.provider.name", vendor, "gen_ai.request.model", alias,
                "gen_ai.response.model", model, "front", front);
    }

    private static String http(int status) {
        return status >= 0 && status < HTTP.length ? HTTP[status] : "other";
    }

    private static String[] names(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].name().toLowerCase(Locale.ROOT);
        }
        return out;
    }
}
