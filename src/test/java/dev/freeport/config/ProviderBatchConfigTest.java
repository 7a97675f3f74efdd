package dev.freeport.config;

import org.junit.jupiter.api.Test;

import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** A provider's {@code batch: native|paced} (docs/BATCH.md) and the batch section's poll interval. */
class ProviderBatchConfigTest {

    @Test
    void aProviderSaysWhetherBatchesGoToItsBatchApi() {
        FreeportConfig c = parse("""
                providers:
                  oai: { type: openai, base_url: "http://gpu:8000/v1", batch: native }
                  ant: { type: anthropic, batch: paced }
                  plain: { type: openai, base_url: "http://gpu:8000/v1" }
                batch: { poll_seconds: 5 }
                models:
                  - { name: m, targets: [ oai/x ] }
                """);

        assertThat(c.providers().get("oai").batch()).isEqualTo(ProviderConfig.BatchMode.NATIVE);
        assertThat(c.providers().get("ant").batch()).isEqualTo(ProviderConfig.BatchMode.PACED);
        assertThat(c.providers().get("plain").batch()).isNull();
        assertThat(c.batch().pollInterval()).hasSeconds(5);
    }

    @Test
    void nativeBatchesNeedAProviderWhoseDialectHasABatchApi() {
        ConfigProblem p = problem("""
                providers:
                  gem: { type: gemini, batch: native }
                models:
                  - { name: m, targets: [ gem/x ] }
                """);

        assertThat(p.path()).isEqualTo("providers.gem.batch");
        assertThat(p.message()).contains("type openai or anthropic");
    }
}
