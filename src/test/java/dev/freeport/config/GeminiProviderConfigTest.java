package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

class GeminiProviderConfigTest {

    private static final String MODELS = "models:\n  - { name: g, targets: [ gem/gemini-2.5-flash ] }\n";

    @Test
    void acceptsTypeGeminiWithKeyHeadersAndNoBaseUrl() {
        FreeportConfig c = parse("providers:\n  gem:\n    type: gemini\n    api_key: ${GEMINI_API_KEY}\n"
                + "    headers: { X-Team: a }\n" + MODELS, Map.of("GEMINI_API_KEY", "AIza-k"));

        ProviderConfig p = c.providers().get("gem");
        assertThat(p.type()).isEqualTo("gemini");
        assertThat(p.baseUrl()).isNull();
        assertThat(p.apiKey()).isEqualTo("AIza-k");
        assertThat(p.headers()).containsEntry("X-Team", "a");
    }

    @Test
    void acceptsABaseUrlOverride() {
        FreeportConfig c = parse("providers:\n  gem: { type: gemini, base_url: \"http://proxy:8080/v1beta/\" }\n"
                + MODELS);

        assertThat(c.providers().get("gem").baseUrl()).isEqualTo("http://proxy:8080/v1beta");
    }

    @Test
    void presetDoesNotApplyToGemini() {
        ConfigProblem p = problem("providers:\n  gem:\n    type: gemini\n    preset: openai\n" + MODELS);

        assertThat(p.path()).isEqualTo("providers.gem.preset");
        assertThat(p.message()).isEqualTo("\"preset\" does not apply to type gemini (presets are for type openai)");
    }
}
