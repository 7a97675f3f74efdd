package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.caller.Principal;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.AnswerTap;
import dev.freeport.module.RequestWatch;
import dev.freeport.module.RequestWatcher;
import dev.freeport.route.Attempt;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.WorkerExecutor;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Watches each running canary on this replica: every request of the alias counts for the arm its first attempt went
 * to (the candidate's targets: the canary; the alias's own: the incumbent) as a failure when that first attempt
 * failed (also when a fallback then answered) or its stream was cut; every answer served by its first attempt is run
 * through the deterministic {@link Checks} (on the lab's worker). Over the canary's sliding window, once the canary
 * has {@code minRequests}, a canary whose error, cut or check-failure rate is worse than the incumbent's by more than
 * {@code maxErrorRateDelta} is rolled back ({@code rollback} gets the state and the finding), once per start.
 * Requests the caller cancelled count for neither arm.
 */
final class CanaryWatch implements RequestWatcher, RequestWatch, AnswerTap {

    /** A canary's two windows, for one start of it. */
    static final class Arms {
        final CanaryWindow canary;
        final CanaryWindow incumbent;
        final long startedAt;
        final AtomicBoolean judged = new AtomicBoolean();

        Arms(CanaryState s) {
            this.canary = new CanaryWindow(s.window().toMillis());
            this.incumbent = new CanaryWindow(s.window().toMillis());
            this.startedAt = s.startedAt().toEpochMilli();
        }
    }

    private record Labels(FreeportConfig cfg, String candidate, Set<String> incumbent, Set<String> canary) {
    }

    private final Function<String, CanaryState> running;
    private final java.util.function.BooleanSupplier anyRunning;
    private final WorkerExecutor worker;
    private final BiConsumer<CanaryState, String> rollback;
    private final LongSupplier clock;
    private final Supplier<FreeportConfig> config;
    private final ConcurrentHashMap<String, Arms> arms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Labels> labels = new ConcurrentHashMap<>();

    CanaryWatch(Function<String, CanaryState> running, java.util.function.BooleanSupplier anyRunning,
                WorkerExecutor worker, Supplier<FreeportConfig> config, BiConsumer<CanaryState, String> rollback,
                LongSupplier clock) {
        this.running = running;
        this.anyRunning = anyRunning;
        this.worker = worker;
        this.config = config;
        this.rollback = rollback;
        this.clock = clock;
    }

    @Override
    public RequestWatch start(String endpoint, Function<String, String> headers) {
        return endpoint.equals("chat") && anyRunning.getAsBoolean() ? this : RequestWatch.NONE; // nothing per request
    }

    @Override
    public void ended(UsageEvent event, Principal principal, String front, List<Attempt> attempts) {
        CanaryState s = event.alias() == null ? null : running.apply(event.alias());
        if (s == null || attempts.isEmpty() || event.status() == UsageEvent.Status.CANCELLED) {
            return;
        }
        Attempt first = attempts.getFirst();
        Boolean canary = arm(s, first.target().label());
        if (canary == null) {
            return;
        }
        Arms a = armsOf(s);
        CanaryWindow w = canary ? a.canary : a.incumbent;
        long now = clock.getAsLong();
        w.add(now, CanaryWindow.REQUEST);
        if (first.failure() != null) {
            w.add(now, CanaryWindow.ERROR);
        } else if (event.status() == UsageEvent.Status.CUT) {
            w.add(now, CanaryWindow.CUT);
        }
        judge(s, a, now);
    }

    @Override
    public void answered(GatewayRuntime runtime, String alias, Supplier<Answered> facts) {
        CanaryState s = alias == null ? null : running.apply(alias);
        if (s == null) {
            return;
        }
        Answered f = facts.get();
        if (f.event().attempts() != 1) {
            return; // a fallback served it: the first attempt's failure already counted
        }
        Boolean canary = arm(s, f.event().provider() + "/" + f.event().upstreamModel());
        if (canary == null) {
            return;
        }
        Arms a = armsOf(s);
        worker.executeBlocking(() -> !Checks.of(f.request().body(), answer(f)).isEmpty(), false).onSuccess(bad -> {
            if (bad) {
                long now = clock.getAsLong();
                (canary ? a.canary : a.incumbent).add(now, CanaryWindow.CHECK);
                judge(s, a, now);
            }
        });
    }

    private static ObjectNode answer(Answered f) {
        if (f.result() != null) {
            return f.result().body();
        }
        return ShadowCall.completion(f.streamed(), f.event().facts().finishReason());
    }

    /** This replica's windows of the running canary of {@code alias}: canary and incumbent totals, or null. */
    CanaryWindow.Totals[] totals(CanaryState s) {
        Arms a = arms.get(s.alias());
        if (a == null || a.startedAt != s.startedAt().toEpochMilli()) {
            return null;
        }
        long now = clock.getAsLong();
        return new CanaryWindow.Totals[]{a.canary.totals(now), a.incumbent.totals(now)};
    }

    private Arms armsOf(CanaryState s) {
        return arms.compute(s.alias(), (k, cur) -> cur != null && cur.startedAt == s.startedAt().toEpochMilli()
                ? cur : new Arms(s));
    }

    private void judge(CanaryState s, Arms a, long now) {
        if (a.judged.get()) {
            return;
        }
        String finding = finding(s, a.canary.totals(now), a.incumbent.totals(now));
        if (finding != null && a.judged.compareAndSet(false, true)) {
            rollback.accept(s, finding);
        }
    }

    /** Why the canary must be rolled back, or null while it holds (or has too few requests to say). */
    static String finding(CanaryState s, CanaryWindow.Totals c, CanaryWindow.Totals i) {
        if (c.requests() < s.minRequests()) {
            return null;
        }
        String[] names = {"error rate", "cut-stream rate", "check-failure rate"};
        long[] cn = {c.errors(), c.cut(), c.checkFailures()};
        long[] in = {i.errors(), i.cut(), i.checkFailures()};
        for (int k = 0; k < 3; k++) {
            double delta = c.rate(cn[k]) - i.rate(in[k]);
            if (delta > s.maxErrorRateDelta()) {
                return String.format(Locale.ROOT, "automatic rollback: %s %.1f %% on %s (%d of %d requests) vs"
                        + " %.1f %% on %s's own targets (%d of %d) over the last %s: %.1f points worse, more than"
                        + " max_error_rate_delta %.1f", names[k], 100 * c.rate(cn[k]), s.candidate(), cn[k],
                        c.requests(), 100 * i.rate(in[k]), s.alias(), in[k], i.requests(),
                        CanaryAdmin.duration(s.window()), 100 * delta, 100 * s.maxErrorRateDelta());
            }
        }
        return null;
    }

    /** True: a target of the candidate (and not of the alias); false: the alias's own; null: neither. */
    private Boolean arm(CanaryState s, String label) {
        FreeportConfig cfg = config.get();
        Labels l = labels.get(s.alias());
        if (l == null || l.cfg != cfg || !l.candidate.equals(s.candidate())) {
            l = new Labels(cfg, s.candidate(), targets(cfg, s.alias()), targets(cfg, s.candidate()));
            labels.put(s.alias(), l);
        }
        if (l.canary.contains(label) && !l.incumbent.contains(label)) {
            return true;
        }
        return l.incumbent.contains(label) ? false : null;
    }

    /** "provider/model" of each target of {@code alias} in {@code cfg}. */
    static Set<String> targets(FreeportConfig cfg, String alias) {
        Set<String> out = new HashSet<>();
        for (ModelConfig m : cfg.models()) {
            if (m.name().equals(alias)) {
                for (TargetConfig t : m.targets()) {
                    out.add(t.provider() + "/" + t.model());
                }
            }
        }
        return out;
    }
}
