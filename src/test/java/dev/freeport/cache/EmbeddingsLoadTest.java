package dev.freeport.cache;

import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedding model is loaded when a config has a semantic alias, and never otherwise (issue 14). */
class EmbeddingsLoadTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    static FreeportConfig config(String cache) {
        return ConfigLoader.parse("providers:\n  up: { type: openai, base_url: \"http://127.0.0.1:9\" }\nmodels:\n"
                + "  - name: smart\n    targets: [ { provider: up, model: m } ]\n    cache: " + cache + "\n",
                "test.yaml", Map.of());
    }

    @Test
    void exactCachesNeverLoadTheModel() {
        Embeddings embeddings = new Embeddings(vertx);
        ResponseCaches caches = new ResponseCaches(new MemoryStore(), embeddings);

        caches.config(config("{ mode: exact }"), "smart");

        assertThat(embeddings.started()).isFalse();
    }

    @Test
    void aSemanticAliasStartsLoadingTheModelWithItsConfig() {
        Embeddings embeddings = new Embeddings(vertx);
        ResponseCaches caches = new ResponseCaches(new MemoryStore(), embeddings);

        caches.config(config("{ mode: semantic }"), "smart");

        assertThat(embeddings.started()).isTrue();
    }
}
