package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.anthropic.AnthropicCodec;
import dev.freeport.provider.openai.OpenAiPresets;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which providers send batches to their back end's batch API when the config does not say (docs/BATCH.md). */
class BatchCapabilityTest {

    private static ProviderConfig config(String type, String preset, String baseUrl, ProviderConfig.BatchMode mode) {
        return new ProviderConfig("p", type, preset, baseUrl, "k", Map.of(), Timeouts.DEFAULTS, Map.of(), null, null,
                mode);
    }

    private static boolean openai(String preset, String baseUrl, ProviderConfig.BatchMode mode) {
        ProviderConfig c = config("openai", preset, baseUrl, mode);
        return HttpBatchApi.enabled(c, OpenAiPresets.settings(c));
    }

    @Test
    void openAiAndAnthropicOnTheirOfficialUrlsAreNativeByDefault() {
        assertThat(openai("openai", null, null)).isTrue();
        ProviderConfig anthropic = config("anthropic", null, null, null);
        assertThat(HttpBatchApi.enabled(anthropic, AnthropicCodec.settings(anthropic))).isTrue();
    }

    @Test
    void compatibleServersArePacedUnlessConfiguredNative() {
        assertThat(openai("deepseek", null, null)).isFalse();
        assertThat(openai(null, "http://gpu:8000/v1", null)).isFalse();
        assertThat(openai(null, "http://gpu:8000/v1", ProviderConfig.BatchMode.NATIVE)).isTrue();
        assertThat(openai("openai", null, ProviderConfig.BatchMode.PACED)).isFalse();
    }
}
