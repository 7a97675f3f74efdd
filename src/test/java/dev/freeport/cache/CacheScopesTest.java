package dev.freeport.cache;

import dev.freeport.access.AccessModule;
import dev.freeport.json.Json;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.RedisServer;
import dev.freeport.testing.Reply;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Who shares answers: two keys never (scope key, the default), a team's keys with scope team; replicas via Redis. */
class CacheScopesTest {
    FakeUpstream up;
    final List<TestGateway> gateways = new ArrayList<>();

    @BeforeEach
    void upstream() {
        up = FakeUpstream.start();
        up.setDefault(Reply.ok("Hamburg, Rotterdam, Antwerp").usage(20, 10));
    }

    @AfterEach
    void close() {
        gateways.forEach(TestGateway::close);
        up.close();
    }

    String key(AccessModule access, String team) {
        var body = Json.NODES.objectNode().put("name", "k" + System.nanoTime());
        if (team != null) {
            body.put("team", team);
        }
        return access.service().createKey(body).secret();
    }

    TestGateway withKeys(String cache, AtomicReference<AccessModule> access) {
        TestGateway gw = TestGateway.fromYamlWithConfig(ResponseCacheTest.config(up, cache), (vx, cfg) -> {
            AccessModule a = AccessModule.open(vx, cfg);
            access.set(a);
            return List.of(a, CacheModule.open(vx, cfg));
        });
        gateways.add(gw);
        return gw;
    }

    static String verdict(TestGateway gw, String key) {
        HttpResponse<String> r = gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY, "authorization",
                "Bearer " + key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-freeport-cache").orElse(null);
    }

    @Test
    void twoKeysNeverShareAnAnswer() {
        AtomicReference<AccessModule> access = new AtomicReference<>();
        TestGateway gw = withKeys("{ ttl: 1h }", access);
        String a = key(access.get(), null);
        String b = key(access.get(), null);

        assertThat(verdict(gw, a)).isEqualTo("miss");
        assertThat(verdict(gw, b)).isEqualTo("miss");
        assertThat(verdict(gw, a)).isEqualTo("hit");
        assertThat(verdict(gw, b)).isEqualTo("hit");
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void keysOfOneTeamShareWithScopeTeamAndOtherTeamsDoNot() {
        AtomicReference<AccessModule> access = new AtomicReference<>();
        TestGateway gw = withKeys("{ ttl: 1h, scope: team }", access);
        access.get().service().createTeam(Json.NODES.objectNode().put("name", "search"));
        access.get().service().createTeam(Json.NODES.objectNode().put("name", "ads"));
        String a = key(access.get(), "search");
        String b = key(access.get(), "search");
        String c = key(access.get(), "ads");

        assertThat(verdict(gw, a)).isEqualTo("miss");
        assertThat(verdict(gw, b)).isEqualTo("hit");
        assertThat(verdict(gw, c)).isEqualTo("miss");
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void twoGatewaysSharingOneRedisShareTheirAnswers() {
        try (RedisServer redis = RedisServer.start()) {
            String yaml = "limits: { backend: redis, redis_url: \"" + redis.url() + "\" }\n"
                    + ResponseCacheTest.config(up, "{ ttl: 1h, scope: global }");
            TestGateway one = TestGateway.fromYamlWithConfig(yaml, (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
            gateways.add(one);
            TestGateway two = TestGateway.fromYamlWithConfig(yaml, (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
            gateways.add(two);

            HttpResponse<String> first = one.post("/v1/chat/completions", ResponseCacheTest.GREEDY);
            HttpResponse<String> second = two.post("/v1/chat/completions", ResponseCacheTest.GREEDY);

            assertThat(first.headers().firstValue("x-freeport-cache")).contains("miss");
            assertThat(second.headers().firstValue("x-freeport-cache")).contains("hit");
            assertThat(TestGateway.json(second.body()).path("choices").path(0).path("message").path("content")
                    .asText()).isEqualTo("Hamburg, Rotterdam, Antwerp");
            assertThat(up.requests()).hasSize(1);
            assertThat(two.awaitEvents(1).getFirst().savedNanos()).isEqualTo(20 * 10_000 + 10 * 30_000);
        }
    }

    /**
     * Timing-proof: the re-read waits until Redis holds the answer (the write is fire-and-forget), the key's life
     * is read from Redis (PTTL), "hit" is asserted only for a re-read that ended within that life, and the last
     * read comes after it for sure.
     */
    @Test
    void redisExpiresAnAnswerAfterItsTtl() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            AtomicReference<Vertx> vertx = new AtomicReference<>();
            TestGateway gw = redisGateway(redis, "5s", "{ ttl: 2s }", vertx);
            Redis client = Redis.createClient(vertx.get(), redis.url());
            try {
                HttpResponse<String> first = gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY);
                String stored = awaitOneKey(client);
                long asked = System.nanoTime();
                long lifeMillis = send(client, Request.cmd(Command.PTTL).arg(stored)).toLong();
                long life = TimeUnit.MILLISECONDS.toNanos(lifeMillis);
                long expiresAfter = asked + life - TimeUnit.MILLISECONDS.toNanos(1); // PTTL rounds to a millisecond
                long expiresBefore = System.nanoTime() + life + TimeUnit.MILLISECONDS.toNanos(1);
                HttpResponse<String> soon = gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY);
                boolean soonWithinLife = System.nanoTime() < expiresAfter;
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(expiresBefore - System.nanoTime())) + 50);
                HttpResponse<String> later = gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY);

                assertThat(first.headers().firstValue("x-freeport-cache")).contains("miss");
                assertThat(lifeMillis).as("the key's remaining life in Redis").isBetween(1L, 2000L);
                assumeTrue(soonWithinLife, "the machine took over the key's life (" + lifeMillis + " ms) to re-read");
                assertThat(soon.headers().firstValue("x-freeport-cache")).contains("hit");
                assertThat(later.headers().firstValue("x-freeport-cache")).contains("miss");
                assertThat(up.requests()).hasSize(2);
            } finally {
                client.close();
            }
        }
    }

    /** A gateway caching in {@code redis} with this read timeout and alias cache; its Vert.x goes to {@code vertx}. */
    private TestGateway redisGateway(RedisServer redis, String readTimeout, String cache, AtomicReference<Vertx> vertx) {
        String yaml = "limits: { backend: redis, redis_url: \"" + redis.url() + "\", cache_read_timeout: " + readTimeout
                + " }\n" + ResponseCacheTest.config(up, cache);
        TestGateway gw = TestGateway.fromYamlWithConfig(yaml, (vx, cfg) -> {
            vertx.set(vx);
            return List.of(CacheModule.open(vx, cfg));
        });
        gateways.add(gw);
        return gw;
    }

    private static Response send(Redis client, Request request) throws Exception {
        return client.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The one cached answer's key, once Redis holds it (at most 10 s). */
    private static String awaitOneKey(Redis client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Response keys = send(client, Request.cmd(Command.KEYS).arg(RedisStore.PREFIX + "*"));
            if (keys.size() > 0 || System.nanoTime() > deadline) {
                assertThat(keys.size()).as("answers kept in Redis").isEqualTo(1);
                return keys.get(0).toString();
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aRedisReadSlowerThanTheCacheReadTimeoutIsServedAsAMiss() throws Exception {
        assertThat(verdictWhileRedisIsPaused("200ms", 1_500)).isEqualTo("miss");
        assertThat(up.requests()).hasSize(2);
    }

    @Test
    void aLongerCacheReadTimeoutWaitsForTheSlowRead() throws Exception {
        assertThat(verdictWhileRedisIsPaused("10s", 1_500)).isEqualTo("hit");
        assertThat(up.requests()).hasSize(1);
    }

    /**
     * The cache verdict of a repeated request sent while Redis holds every client's commands for {@code pauseMillis}
     * ({@code CLIENT PAUSE ... ALL}), with {@code limits.cache_read_timeout} set to {@code timeout}.
     */
    private String verdictWhileRedisIsPaused(String timeout, long pauseMillis) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            AtomicReference<Vertx> vertx = new AtomicReference<>();
            TestGateway gw = redisGateway(redis, timeout, "{ ttl: 1h }", vertx);
            Redis client = Redis.createClient(vertx.get(), redis.url());
            try {
                assertThat(gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY).headers()
                        .firstValue("x-freeport-cache")).contains("miss");
                awaitOneKey(client);
                send(client, Request.cmd(Command.CLIENT).arg("PAUSE").arg(pauseMillis).arg("ALL"));
                HttpResponse<String> again = gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY);
                assertThat(again.statusCode()).isEqualTo(200);
                return again.headers().firstValue("x-freeport-cache").orElse("");
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aRedisThatIsGoneIsAMissNotAnError() {
        RedisServer redis = RedisServer.start();
        String yaml = "limits: { backend: redis, redis_url: \"" + redis.url() + "\" }\n"
                + ResponseCacheTest.config(up, "{ ttl: 1h, scope: global }");
        TestGateway gw = TestGateway.fromYamlWithConfig(yaml, (vx, cfg) -> List.of(CacheModule.open(vx, cfg)));
        gateways.add(gw);
        redis.close();

        HttpResponse<String> r = gw.post("/v1/chat/completions", ResponseCacheTest.GREEDY);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-cache")).contains("miss");
    }
}
