package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** The metrics: and tracing: sections. */
class ObserveConfigTest {

    @Test
    void withoutSectionsMetricsAreOnBehindTheAdminKeyAndTracingIsOff() {
        ObserveConfig o = parse("ledger: { data_dir: data }\n").observe();
        assertThat(o.metrics()).isEqualTo(ObserveConfig.Metrics.DEFAULT);
        assertThat(o.metrics().open()).isFalse();
        assertThat(o.tracing().on()).isFalse();
    }

    @Test
    void everyTracingSettingIsRead() {
        ObserveConfig.Tracing t = parse("tracing:\n  endpoint: http://otel:4318/v1/traces\n  headers: { x-token: abc }\n"
                + "  sample_ratio: 0.25\n  content: true\n  service_name: gw-eu\n").observe().tracing();
        assertThat(t).isEqualTo(new ObserveConfig.Tracing("http://otel:4318/v1/traces", Map.of("x-token", "abc"),
                0.25, true, "gw-eu"));
    }

    @Test
    void aCollectorsBaseUrlGetsTheTracesPath() {
        assertThat(parse("tracing: { endpoint: \"http://otel:4318\" }\n").observe().tracing().endpoint())
                .isEqualTo("http://otel:4318/v1/traces");
    }

    @Test
    void everyMetricsSettingIsRead() {
        assertThat(parse("metrics: { enabled: true, open: true, max_keys: 50, max_values: 20 }\n").observe().metrics())
                .isEqualTo(new ObserveConfig.Metrics(true, true, 50, 20));
    }

    @Test
    void anEndpointThatIsNoHttpUrlIsRefusedOnItsLine() {
        assertThat(problem("tracing:\n  endpoint: otel:4318\n").path()).isEqualTo("tracing.endpoint");
    }

    @Test
    void aSampleRatioAboveOneIsRefused() {
        assertThat(problem("tracing:\n  endpoint: http://otel:4318\n  sample_ratio: 1.5\n").message())
                .isEqualTo("must be between 0 and 1, got 1.5");
    }

    @Test
    void anUnknownKeyIsRefusedWithAHint() {
        assertThat(problem("metrics:\n  opne: true\n").message()).contains("open");
    }
}
