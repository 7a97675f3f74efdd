package dev.freeport.observe;

import dev.freeport.caller.Principal;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.provider.FailureKind;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The per-request meters, updated once when a request ends from its ledger event and attempts. Meters are
 * registered the first time their label set is seen and cached in maps keyed by that set, so a request costs a few
 * map lookups (with a small key record each) and the meters' own atomic adds; nothing is registered again. Every
 * label that a caller or a config can make unbounded goes through a {@link LabelCap}.
 */
final class RequestMeters {
    private static final String[] STATUS = names(UsageEvent.Status.values());
    private static final String[] FAILURE = names(FailureKind.values());
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
    private final Breakers breakers;

    private final Map<OutcomeKey, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<ServingKey, Serving> serving = new ConcurrentHashMap<>();
    private final Map<CallerKey, CallerMeters> callers = new ConcurrentHashMap<>();
    private final Map<AttemptKey, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    RequestMeters(MeterRegistry registry, int maxValues, int maxKeys) {
        this.registry = registry;
        this.aliases = new LabelCap(maxValues);
        this.models = new LabelCap(maxValues);
        this.providers = new LabelCap(maxValues);
        this.keys = new LabelCap(maxKeys);
        this.teams = new LabelCap(maxKeys);
        this.breakers = new Breakers(registry, providers, models);
    }

    private record OutcomeKey(String op, String alias, String provider, String model, String vendor, String front,
                              String status, String error, String http) {
    }

    private record ServingKey(String op, String alias, String provider, String model, String vendor, String front) {
    }

    private record CallerKey(String key, String team) {
    }

    private record AttemptKey(String provider, String model, String outcome) {
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
        String op = e.endpoint() == null ? LabelCap.NONE : e.endpoint();
        String alias = "not_found".equals(e.errorKind()) ? "unknown" : aliases.of(e.alias());
        String provider = providers.of(e.provider());
        String model = models.of(e.upstreamModel());
        Target last = tried.isEmpty() ? null : tried.get(tried.size() - 1).target();
        String vendor = last == null ? LabelCap.NONE : providers.of(last.profile().vendor());
        String fr = front == null ? LabelCap.NONE : front;
        int status = e.status().ordinal();

        OutcomeKey ok = new OutcomeKey(op, alias, provider, model, vendor, fr, STATUS[status],
                e.errorKind() == null ? LabelCap.NONE : e.errorKind(), http(e.httpStatus()));
        Outcome o = lookup(outcomes, ok, this::outcome);
        o.requests().increment();
        o.duration().record(e.latencyMillis(), TimeUnit.MILLISECONDS);

        boolean served = e.provider() != null
                && (e.status() == UsageEvent.Status.OK || e.status() == UsageEvent.Status.CUT);
        if (served) {
            Serving s = lookup(serving, new ServingKey(op, alias, provider, model, vendor, fr), this::serving);
            if (e.stream() && e.ttftMillis() != null) {
                s.firstToken().record(e.ttftMillis(), TimeUnit.MILLISECONDS);
            }
            s.inputUsage().record(e.inputTokens());
            s.outputUsage().record(e.outputTokens());
            s.input().increment(e.inputTokens());
            s.output().increment(e.outputTokens());
            s.cachedInput().increment(e.cachedInputTokens());
            s.cacheCreation().increment(e.cacheCreationTokens());
            s.reasoning().increment(e.reasoningTokens());
            s.costNanos().add(e.costNanos());
        }

        CallerMeters c = lookup(callers, new CallerKey(keys.of(e.caller()),
                teams.of(principal == null ? null : principal.team())), this::caller);
        c.requests()[status].increment();
        c.input().increment(e.inputTokens());
        c.output().increment(e.outputTokens());
        c.costNanos().add(e.costNanos());

        for (Attempt a : tried) {
            String outcome = a.failure() == null ? "ok" : FAILURE[a.failure().kind().ordinal()];
            lookup(attempts, new AttemptKey(providers.of(a.target().provider().name()),
                    models.of(a.target().upstreamModel()), outcome), this::attempt).increment();
            breakers.see(a.target());
        }
        if (tried.size() > 1) {
            lookup(retries, alias, this::retry).increment(tried.size() - 1);
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

    private Counter attempt(AttemptKey k) {
        return Counter.builder("freeport.upstream.attempts")
                .description("Upstream attempts, by outcome (ok or the failure kind)")
                .tags("provider", k.provider(), "model", k.model(), "outcome", k.outcome()).register(registry);
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
