package dev.freeport.cache;

import dev.freeport.config.CacheConfig;
import dev.freeport.module.CachedAnswer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kept answers in Redis, shared by every replica (the Redis the budgets and rate limits use: {@code limits.redis_url}).
 * One key per answer, {@code fp:cache:<alias>:<key>}, written with {@code SET ... PX <ttl>} so Redis expires it;
 * bounded by the TTL and Redis's own memory policy (the in-process bounds do not apply). Non-blocking (Vert.x Redis
 * client); a read that fails or takes longer than {@code limits.cache_read_timeout} (200 ms unless configured) is a
 * miss, a write that fails is logged: the cache never fails a request.
 */
final class RedisStore implements AnswerStore {
    private static final Logger LOG = Logger.getLogger(RedisStore.class.getName());
    static final String PREFIX = "fp:cache:";

    private final Vertx vertx;
    private final Redis redis;
    private final long readTimeoutMillis;

    RedisStore(Vertx vertx, String redisUrl, long readTimeoutMillis) {
        this.vertx = vertx;
        this.readTimeoutMillis = Math.max(1, readTimeoutMillis);
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setMaxPoolSize(8).setMaxPoolWaiting(10_000).setMaxWaitingHandlers(10_000));
    }

    static String redisKey(String alias, String key) {
        return PREFIX + alias + ":" + key;
    }

    @Override
    public Future<CachedAnswer> get(String alias, String key) {
        Promise<CachedAnswer> p = Promise.promise();
        long timer = vertx.setTimer(readTimeoutMillis, t -> {
            if (p.tryComplete(null)) {
                LOG.fine("response cache: a Redis read took over " + readTimeoutMillis + " ms: served as a miss");
            }
        });
        redis.send(Request.cmd(Command.GET).arg(redisKey(alias, key))).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.failed()) {
                LOG.log(Level.FINE, "response cache: a Redis read failed: served as a miss", ar.cause());
                p.tryComplete(null);
            } else {
                p.tryComplete(ar.result() == null ? null : AnswerCodec.decode(ar.result().toBuffer().getBytes()));
            }
        });
        return p.future();
    }

    @Override
    public void put(String alias, CacheConfig config, String key, CachedAnswer answer) {
        redis.send(Request.cmd(Command.SET).arg(redisKey(alias, key)).arg(Buffer.buffer(AnswerCodec.encode(answer)))
                        .arg("PX").arg(Math.max(1, config.ttl().toMillis())))
                .onFailure(e -> LOG.warning("response cache: could not write to Redis: " + e.getMessage()));
    }

    @Override
    public void close() {
        redis.close();
    }
}
