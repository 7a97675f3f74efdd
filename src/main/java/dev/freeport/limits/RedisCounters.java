package dev.freeport.limits;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Counters in Redis, shared by every replica. Each operation is one Lua script (EVALSHA, falling back to EVAL
 * when Redis does not know the script yet), so check-and-reserve is atomic across replicas. Budget counters are
 * named with their period and expire a week after it ends; rate windows expire two minutes after their last
 * request; a parallel slot expires {@code slotTtl} after it was taken, so a replica that dies holding slots
 * frees them then. Non-blocking (Vert.x Redis client).
 */
public final class RedisCounters implements Counters {
    private static final String PREFIX = "fp:";

    private final Redis redis;
    private final long slotTtlMillis;
    private final SpendBaseline baseline;
    /** counterKey -> its seeding in flight */
    private final SingleFlight seeding = new SingleFlight();

    public RedisCounters(Vertx vertx, String redisUrl, long slotTtlMillis) {
        this(vertx, redisUrl, slotTtlMillis, SpendBaseline.ZERO);
    }

    /** Seeding a budget counter Redis does not hold from {@code baseline} (e.g. after Redis was flushed). */
    public RedisCounters(Vertx vertx, String redisUrl, long slotTtlMillis, SpendBaseline baseline) {
        this.baseline = baseline == null ? SpendBaseline.ZERO : baseline;
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setMaxPoolSize(16).setMaxPoolWaiting(100_000).setMaxWaitingHandlers(100_000));
        this.slotTtlMillis = slotTtlMillis;
    }

    private record Script(String text, String sha) {
        static Script of(String text) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(d));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Script RESERVE = Script.of(RedisScripts.RESERVE_BUDGET);
    private static final Script SETTLE = Script.of(RedisScripts.SETTLE_BUDGET);
    private static final Script SEED = Script.of(RedisScripts.SEED_BUDGET);
    private static final Script ACQUIRE = Script.of(RedisScripts.ACQUIRE_RATE);
    private static final Script RELEASE = Script.of(RedisScripts.RELEASE_RATE);

    private Future<Response> run(Script script, List<String> keys, List<String> args) {
        return send(Command.EVALSHA, script.sha(), keys, args).recover(e -> {
            if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                return send(Command.EVAL, script.text(), keys, args);
            }
            return Future.failedFuture(e);
        });
    }

    private Future<Response> send(Command cmd, String first, List<String> keys, List<String> args) {
        Request r = Request.cmd(cmd).arg(first).arg(keys.size());
        keys.forEach(r::arg);
        args.forEach(r::arg);
        return redis.send(r);
    }

    private static String budgetKey(BudgetLine line) {
        return PREFIX + line.counterKey();
    }

    private static List<String> rateKeys(List<RateLine> lines) {
        List<String> keys = new ArrayList<>(lines.size() * 5);
        for (RateLine l : lines) {
            String base = PREFIX + "rate:" + l.subject() + ":";
            keys.add(base + "req");
            keys.add(base + "tok");
            keys.add(base + "tokw");
            keys.add(base + "toksum");
            keys.add(base + "par");
        }
        return keys;
    }

    private static List<BudgetState> states(Response r, int from) {
        List<BudgetState> out = new ArrayList<>();
        for (int i = from; i + 1 < r.size(); i += 2) {
            out.add(new BudgetState(r.get(i).toLong(), r.get(i + 1).toLong()));
        }
        return List.copyOf(out);
    }

    @Override
    public Future<BudgetReply> reserveBudget(List<BudgetLine> lines, long amountNanos) {
        return tryReserveBudget(lines, amountNanos).compose(r -> r.needsBaseline()
                ? loadBaselines(lines).compose(v -> reserveBudget(lines, amountNanos, 0L))
                : Future.succeededFuture(r));
    }

    @Override
    public Future<BudgetReply> tryReserveBudget(List<BudgetLine> lines, long amountNanos) {
        return reserveBudget(lines, amountNanos, baseline.zero() ? 0L : -1L);
    }

    /**
     * Seeds the lines' counters Redis does not hold from the ledger (one read per counter in flight at a time,
     * whoever waits for it), then creates them unless another replica did first.
     */
    @Override
    public Future<Void> loadBaselines(List<BudgetLine> lines) {
        if (baseline.zero()) {
            return Future.succeededFuture();
        }
        List<Future<Void>> seeded = new ArrayList<>(lines.size());
        for (BudgetLine l : lines) {
            seeded.add(seed(l));
        }
        return Future.all(seeded).mapEmpty();
    }

    private Future<Void> seed(BudgetLine l) {
        return seeding.run(l.counterKey(), () -> baseline.spentNanos(l.subject(), l.budget().period(),
                l.periodStart()).compose(spent -> run(SEED, List.of(budgetKey(l)), List.of(Long.toString(spent),
                Long.toString(l.expireAtEpochSecond())))).mapEmpty());
    }

    /**
     * Runs the script with every line's seed {@code unknown} (-1: Redis answers {@link #NEEDS_BASELINE} for a
     * counter it does not hold; 0: it starts one at 0).
     */
    private Future<BudgetReply> reserveBudget(List<BudgetLine> lines, long amountNanos, long unknown) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(amountNanos));
        for (int i = 0; i < lines.size(); i++) {
            BudgetLine l = lines.get(i);
            keys.add(budgetKey(l));
            args.add(Long.toString(l.budget().limitNanos()));
            args.add(l.budget().hard() ? "1" : "0");
            args.add(Long.toString(l.expireAtEpochSecond()));
            args.add(Long.toString(unknown));
        }
        return run(RESERVE, keys, args).map(r -> {
            if (r.get(0).toInteger() == 2) {
                return NEEDS_BASELINE;
            }
            return new BudgetReply(r.get(0).toInteger() == 1 ? -1 : r.get(1).toInteger() - 1, states(r, 2));
        });
    }

    @Override
    public Future<List<BudgetState>> settleBudget(List<BudgetLine> lines, long reservedNanos, long actualNanos) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(reservedNanos), Long.toString(actualNanos),
                baseline.zero() ? "0" : "1"));
        for (BudgetLine l : lines) {
            keys.add(budgetKey(l));
            args.add(Long.toString(l.expireAtEpochSecond()));
        }
        return run(SETTLE, keys, args).map(r -> states(r, 0));
    }

    @Override
    public Future<BudgetState> budgetState(BudgetLine line) {
        return redis.send(Request.cmd(Command.HMGET).arg(budgetKey(line)).arg("spent").arg("reserved"))
                .map(r -> new BudgetState(orZero(r.get(0)), orZero(r.get(1))));
    }

    private static long orZero(Response r) {
        return r == null ? 0 : r.toLong();
    }

    @Override
    public Future<RateReply> acquireRate(String requestId, List<RateLine> lines, long tokens, long nowMillis) {
        List<String> args = new ArrayList<>(List.of(Long.toString(nowMillis), requestId, Long.toString(tokens),
                Long.toString(MemoryCounters.WINDOW_MS), Long.toString(slotTtlMillis)));
        for (RateLine l : lines) {
            args.add(Long.toString(l.rpm()));
            args.add(Long.toString(l.tpm()));
            args.add(Long.toString(l.maxParallel()));
        }
        return run(ACQUIRE, rateKeys(lines), args).map(r -> {
            int rejected = r.get(0).toInteger();
            if (rejected > 0) {
                Dimension d = Dimension.values()[r.get(1).toInteger() - 1];
                return new RateReply(rejected - 1, d, r.get(2).toLong(), List.of());
            }
            List<RateState> states = new ArrayList<>();
            for (int i = 3; i + 3 < r.size(); i += 4) {
                states.add(new RateState(r.get(i).toLong(), r.get(i + 1).toLong(), r.get(i + 2).toLong(),
                        r.get(i + 3).toLong()));
            }
            return new RateReply(-1, null, 0, List.copyOf(states));
        });
    }

    @Override
    public Future<Void> releaseRate(String requestId, List<RateLine> lines, long reservedTokens, long admittedMillis,
                                    long actualTokens, long nowMillis) { // the script finds the request's entry by id
        return run(RELEASE, rateKeys(lines), List.of(requestId, Long.toString(actualTokens))).mapEmpty();
    }

    @Override
    public Future<Long> inFlight(RateLine line, long nowMillis) {
        String key = rateKeys(List.of(line)).get(4);
        return redis.send(Request.cmd(Command.ZCOUNT).arg(key).arg(nowMillis).arg("+inf")).map(Response::toLong);
    }

    @Override
    public Future<Boolean> firstTime(String alertKey, Instant forgetAt) {
        Request r = Request.cmd(Command.SET).arg(PREFIX + alertKey).arg("1").arg("NX");
        if (forgetAt != null) {
            r.arg("EXAT").arg(forgetAt.getEpochSecond());
        }
        return redis.send(r).map(res -> res != null && "OK".equals(res.toString()));
    }

    @Override
    public void close() {
        redis.close();
    }
}
