package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An alias's {@code cache:} section. */
class CacheConfigTest {
    static final String PROVIDERS = "providers:\n  up: { type: openai, base_url: \"http://127.0.0.1:9\" }\n";

    static FreeportConfig parse(String cache) {
        return ConfigLoader.parse(PROVIDERS + "models:\n  - name: smart\n    targets: [ { provider: up, model: m } ]\n"
                + "    cache: " + cache + "\n", "test.yaml", Map.of());
    }

    @Test
    void anEmptySectionIsAnExactCacheWithTheDefaults() {
        assertThat(parse("{}").model("smart").cache()).isEqualTo(CacheConfig.exact());
    }

    @Test
    void everyFieldIsRead() {
        CacheConfig c = parse("{ mode: semantic, ttl: 10m, max_entries: 50, max_bytes: 2MiB, scope: team, "
                + "semantic: { threshold: 0.9 }, allow_sampled: true, allow_tool_calls: true }").model("smart").cache();

        assertThat(c).isEqualTo(new CacheConfig(CacheConfig.Mode.SEMANTIC, Duration.ofMinutes(10), 50, 2 * 1024 * 1024,
                CacheConfig.Scope.TEAM, 0.9, true, true));
    }

    @Test
    void anAliasWithoutTheSectionKeepsNoCache() {
        FreeportConfig cfg = ConfigLoader.parse(PROVIDERS + "models:\n  - name: smart\n    targets: [ { provider: up,"
                + " model: m } ]\n", "test.yaml", Map.of());

        assertThat(cfg.model("smart").cache()).isNull();
    }

    @Test
    void wrongValuesAreProblemsNamingTheField() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("{ mode: fuzzy, scope: world, semantic: { threshold: 1.5 }, colour: red }"));

        assertThat(e.problems()).extracting(ConfigProblem::path).contains("models[0].cache.mode",
                "models[0].cache.scope", "models[0].cache.semantic.threshold", "models[0].cache.colour");
    }
}
