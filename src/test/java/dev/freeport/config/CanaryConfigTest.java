package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An alias's {@code canary:} thresholds: read with their defaults, their mistakes named with their line. */
class CanaryConfigTest {

    static FreeportConfig parse(String canary) {
        return ConfigLoader.parse(ShadowConfigTest.HEAD + "    canary: " + canary + "\n", "test.yaml", Map.of());
    }

    @Test
    void aCanarySectionIsReadWithItsDefaults() {
        assertThat(parse("{ min_requests: 50 }").models().getFirst().canary())
                .isEqualTo(new CanaryConfig(0.05, 50, Duration.ofMinutes(10)));
        assertThat(parse("{ max_error_rate_delta: 0.02, window: 30m }").models().getFirst().canary())
                .isEqualTo(new CanaryConfig(0.02, 20, Duration.ofMinutes(30)));
    }

    @Test
    void wrongThresholdsAreRefusedWithTheirLine() {
        assertThat(catchThrowableOfType(ConfigException.class, () -> parse("{ max_error_rate_delta: 5 }"))
                .getMessage()).contains("test.yaml:6:", "max_error_rate_delta");
        assertThat(catchThrowableOfType(ConfigException.class, () -> parse("{ min_requests: 0 }")).getMessage())
                .contains("min_requests");
        assertThat(catchThrowableOfType(ConfigException.class, () -> parse("{ window: 3d }")).getMessage())
                .contains("window");
        assertThat(catchThrowableOfType(ConfigException.class, () -> parse("{ share: 5 }")).getMessage())
                .contains("share");
    }
}
