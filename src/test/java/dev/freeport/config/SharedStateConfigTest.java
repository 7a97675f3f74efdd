package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** store:, limits: and alerts: — the settings that let replicas share keys, budgets and limits. */
class SharedStateConfigTest {

    private static FreeportConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "t.yaml", Map.of("PGPASS", "s3cret"));
    }

    @Test
    void defaultsAreEmbedded() {
        FreeportConfig c = parse("models: []\n");
        assertThat(c.store()).isEqualTo(StoreConfig.EMBEDDED.withPool(8));
        assertThat(c.limits()).isEqualTo(LimitsConfig.EMBEDDED);
        assertThat(c.alerts().webhookUrl()).isNull();
        assertThat(c.alerts().thresholds()).containsExactly(50, 80, 100);
    }

    @Test
    void readsPostgresRedisAndAlerts() {
        FreeportConfig c = parse("""
                store: { type: postgres, url: "jdbc:postgresql://db:5432/fp", user: fp, password: "${PGPASS}" }
                limits: { backend: redis, redis_url: "redis://cache:6379", default_output_bound: 2048 }
                alerts: { webhook_url: "https://hooks.example/x", thresholds: [80, 50, 100] }
                """);
        assertThat(c.store()).isEqualTo(new StoreConfig(StoreConfig.Kind.POSTGRES, "jdbc:postgresql://db:5432/fp",
                "fp", "s3cret", 8));
        assertThat(c.limits()).isEqualTo(new LimitsConfig(LimitsConfig.Backend.REDIS, "redis://cache:6379", 2048));
        assertThat(c.alerts()).isEqualTo(new AlertsConfig("https://hooks.example/x", List.of(50, 80, 100)));
    }

    @Test
    void limitsDeadlineIsReadAndDefaultsToTwoSeconds() {
        assertThat(parse("limits: { backend: redis, redis_url: \"redis://cache:6379\", deadline: 15s }\n").limits()
                .deadline()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(parse("limits: { backend: redis, redis_url: \"redis://cache:6379\" }\n").limits().deadline())
                .isEqualTo(java.time.Duration.ofSeconds(2));
    }

    @Test
    void limitsCacheReadTimeoutIsReadAndDefaultsToTwoHundredMilliseconds() {
        assertThat(parse("limits: { backend: redis, redis_url: \"redis://cache:6379\", cache_read_timeout: 3s }\n")
                .limits().cacheReadTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(parse("limits: { backend: redis, redis_url: \"redis://cache:6379\" }\n").limits()
                .cacheReadTimeout()).isEqualTo(java.time.Duration.ofMillis(200));
    }

    @Test
    void postgresNeedsAUrlAndRedisNeedsOne() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                store: { type: postgres }
                limits: { backend: redis }
                alerts: { thresholds: [0, abc] }
                """));
        assertThat(e.getMessage()).contains("store.type: store type postgres needs url")
                .contains("limits.backend: limits backend redis needs redis_url")
                .contains("alerts.thresholds: each threshold is a whole percent");
    }

    @Test
    void passwordIsNeverEchoed() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                store: { type: postgres, url: "mysql://x", password: "${PGPASS}" }
                """));
        assertThat(e.getMessage()).contains("store.url").doesNotContain("s3cret");
    }
}
