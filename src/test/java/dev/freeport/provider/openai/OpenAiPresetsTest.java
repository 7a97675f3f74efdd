package dev.freeport.provider.openai;

import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.ProviderSettings.AuthStyle;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiPresetsTest {

    @Test
    void hasExactlyTheDocumentedPresets() {
        assertThat(OpenAiPresets.names()).containsExactly("openai", "deepseek", "qwen", "moonshot", "together",
                "fireworks", "groq", "openrouter", "mistral", "vllm", "sglang", "ollama", "llamacpp", "lmstudio",
                "tgi", "poolside", "zhipu", "minimax", "siliconflow", "cerebras", "xai", "nebius", "deepinfra",
                "huggingface");
        assertThat(dev.freeport.config.ConfigLoader.OPENAI_PRESETS).containsExactlyElementsOf(OpenAiPresets.names());
    }

    @Test
    void theOpenCodingHostsHaveTheirBaseUrlsAndOutputCapSpelling() {
        Map<String, String> urls = Map.of("poolside", "https://inference.poolside.ai/v1",
                "zhipu", "https://api.z.ai/api/paas/v4", "minimax", "https://api.minimax.io/v1",
                "siliconflow", "https://api.siliconflow.com/v1", "cerebras", "https://api.cerebras.ai/v1",
                "xai", "https://api.x.ai/v1", "nebius", "https://api.tokenfactory.nebius.com/v1",
                "deepinfra", "https://api.deepinfra.com/v1/openai", "huggingface", "https://router.huggingface.co/v1",
                "tgi", "http://localhost:3000/v1");
        urls.forEach((preset, url) -> assertThat(Wire.settings(preset, "k").baseUrl()).as(preset).isEqualTo(url));
        for (String p : new String[] {"minimax", "cerebras", "xai"}) {
            assertThat(Wire.settings(p, "k").quirks().maxTokensField()).as(p).isEqualTo("max_completion_tokens");
        }
        assertThat(Wire.settings("zhipu", "k").quirks().streamUsageOption()).isFalse();
        assertThat(OpenAiPresets.endsOnClose("tgi")).isTrue();
    }

    @Test
    void aDerivedEffortGoesOnlyWhereTheHostTakesIt() {
        assertThat(OpenAiPresets.takesDerivedEffort("openai", "o3")).isTrue();
        assertThat(OpenAiPresets.takesDerivedEffort("openai", "gpt-5-mini")).isTrue();
        assertThat(OpenAiPresets.takesDerivedEffort("openai", "gpt-4.1")).isFalse();
        assertThat(OpenAiPresets.takesDerivedEffort("openai", "gpt-5-chat-latest")).isFalse();
        assertThat(OpenAiPresets.takesDerivedEffort("vllm", "anything")).isTrue();
        assertThat(OpenAiPresets.takesDerivedEffort("openrouter", "qwen/qwen3-coder")).isTrue();
        assertThat(OpenAiPresets.takesDerivedEffort("xai", "grok-4")).isFalse();
        assertThat(OpenAiPresets.takesDerivedEffort("mistral", "m")).isFalse();
        assertThat(OpenAiPresets.takesDerivedEffort(null, "m")).as("a plain compatible server").isFalse();
    }

    @Test
    void presetGivesBaseUrlAndQuirks() {
        ProviderSettings s = Wire.settings("deepseek", "sk-x");
        assertThat(s.baseUrl()).isEqualTo("https://api.deepseek.com");
        assertThat(s.type()).isEqualTo("openai");
        assertThat(s.preset()).isEqualTo("deepseek");
        assertThat(s.authStyle()).isEqualTo(AuthStyle.BEARER);
        assertThat(s.apiKey()).isEqualTo("sk-x");
        assertThat(s.quirks().reasoningContent()).isTrue();
        assertThat(s.quirks().maxTokensField()).isEqualTo("max_tokens");
        assertThat(s.quirks().supportsEmbeddings()).isFalse();
    }

    @Test
    void selfHostedDefaults() {
        assertThat(Wire.settings("vllm", null).baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(Wire.settings("sglang", null).baseUrl()).isEqualTo("http://localhost:30000/v1");
        assertThat(Wire.settings("ollama", null).baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(Wire.settings("llamacpp", null).baseUrl()).isEqualTo("http://localhost:8080/v1");
        assertThat(Wire.settings("lmstudio", null).baseUrl()).isEqualTo("http://localhost:1234/v1");
    }

    @Test
    void qwenIsTheInternationalEndpoint() {
        assertThat(Wire.settings("qwen", "k").baseUrl())
                .isEqualTo("https://dashscope-intl.aliyuncs.com/compatible-mode/v1");
    }

    @Test
    void configOverridesBaseUrlAndAddsHeaders() {
        ProviderSettings s = OpenAiPresets.settings(Wire.config("vllm", "http://gpu-box:8000/v1/", "tok",
                Map.of("X-Team", "search")));
        assertThat(s.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(s.headers()).containsEntry("X-Team", "search");
        assertThat(s.quirks()).isEqualTo(Wire.settings("vllm", null).quirks());
    }

    @Test
    void blankKeyBecomesNoKey() {
        assertThat(Wire.settings("ollama", "  ").apiKey()).isNull();
    }

    @Test
    void plainCompatibleNeedsBaseUrl() {
        assertThatThrownBy(() -> OpenAiPresets.settings(Wire.config(null, null, "k", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl is required");
    }

    @Test
    void plainCompatibleUsesGivenBaseUrl() {
        ProviderSettings s = OpenAiPresets.settings(Wire.config(null, "https://llm.internal/v1", null, null));
        assertThat(s.baseUrl()).isEqualTo("https://llm.internal/v1");
        assertThat(s.preset()).isNull();
        assertThat(s.headers()).isEmpty();
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        assertThatThrownBy(() -> OpenAiPresets.settings(Wire.config("anthropic-ish", null, "k", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown preset 'anthropic-ish'")
                .hasMessageContaining("deepseek").hasMessageContaining("lmstudio");
    }

    @Test
    void mistralDoesNotTakeStreamOptions() {
        assertThat(Wire.settings("mistral", "k").quirks().streamUsageOption()).isFalse();
    }
}
