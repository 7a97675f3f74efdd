package dev.freeport.cache;

import dev.freeport.api.ChatRequest;
import dev.freeport.caller.Principal;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.dialect.openai.ChatDecoder;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the response cache adds to a request: {@code offAlias} is the whole hot-path cost for an alias without a
 * cache while another alias has one (the flow's question "does this alias keep a cache?"); {@code exactKey} is what
 * a cacheable request of a caching alias pays before the store is asked (the normalised SHA-256 key). Run with
 * {@code bench/cache.sh} (add {@code -prof gc} for the bytes allocated per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CacheBench {
    ResponseCaches caches;
    FreeportConfig cfg;
    ChatRequest request;

    @Setup
    public void setUp() throws IOException {
        cfg = config();
        caches = new ResponseCaches(new MemoryStore(), null);
        request = ChatDecoder.decodeChat(Buffer.buffer("{\"model\":\"smart\",\"temperature\":0,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\","
                + "\"content\":\"Name three large container ports in Europe and say why each matters.\"}]}"));
    }

    static FreeportConfig config() throws IOException {
        Path dir = Files.createTempDirectory("cache-bench");
        Path file = dir.resolve("freeport.yaml");
        Files.writeString(file, """
                ledger: { data_dir: %s }
                providers:
                  up: { type: openai, base_url: "http://127.0.0.1:9" }
                models:
                  - name: smart
                    targets: [ { provider: up, model: big } ]
                    cache: { ttl: 1h }
                  - name: plain
                    targets: [ { provider: up, model: big } ]
                """.formatted(dir));
        return ConfigLoader.load(file);
    }

    @Benchmark
    public boolean offAlias() {
        return caches.config(cfg, "plain") != null;
    }

    @Benchmark
    public Object exactKey() {
        return RequestKey.of("key:k1", "smart", request);
    }

    /** Kept for comparison: what a principal-scoped key costs with the scope string built. */
    @Benchmark
    public Object scopedKey() {
        return RequestKey.of(ResponseCaches.scope(caches.config(cfg, "smart"), Principal.ANONYMOUS), "smart",
                request);
    }
}
