package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCheckTest {

    private static final String YAML = """
            server: { master_key: fp-master-secret }
            providers:
              deepseek: { preset: deepseek, api_key: sk-deepseek-secret }
              local: { preset: vllm, base_url: "http://gpu:8000/v1", headers: { X-Team: a } }
              sandbox: { type: sandbox, models: { sim: {} } }
            models:
              - { name: smart, targets: [ deepseek/deepseek-chat, local/llama ] }
              - name: mix
                strategy: weighted
                targets: [ { provider: deepseek, model: deepseek-chat, weight: 3 }, { provider: sandbox, model: sim } ]
            prices:
              "local/llama": { per_hour: 2.50 }
            """;

    @Test
    void summarisesProvidersAliasesAndRouter() {
        String out = ConfigCheck.render(ConfigTesting.parse(YAML));

        assertThat(out).contains("deepseek        openai/deepseek     (preset URL)  key: set");
        assertThat(out).contains("local           openai/vllm         http://gpu:8000/v1  key: none  headers: X-Team");
        assertThat(out).contains("sandbox         sandbox             models: sim");
        assertThat(out).contains("smart           ordered         deepseek/deepseek-chat -> local/llama");
        assertThat(out).contains("mix             weighted        deepseek/deepseek-chat x3, sandbox/sim x1");
        assertThat(out).contains("router     max attempts 4, backoff 100ms..2s, retry-after cap 10s,"
                + " breaker 5 failures / open 30s");
        assertThat(out).contains("local/llama                 $2.50/hour");
    }

    @Test
    void showsStrategiesRolesDataClassesAndCaps() {
        String out = ConfigCheck.render(ConfigTesting.parse(YAML.replace("models:\n", """
                routing:
                  default_data_class: confidential
                  data_classes:
                    confidential: { allow_trust: [ self-hosted ] }
                  concentration_caps:
                    - { vendor: deepseek, max_share: 0.4, window: 1h }
                models:
                  - name: auto
                    strategy: complexity
                    strong_share: 0.25
                    targets:
                      - { provider: local, model: llama, role: light }
                      - { provider: deepseek, model: deepseek-chat, role: strong }
                """)));
        assertThat(out).contains("auto            complexity 25%  local/llama (light), deepseek/deepseek-chat (strong)");
        assertThat(out).contains("routing    data classes: confidential (default confidential)  concentration caps:"
                + " deepseek <= 40% of spend / 1h");
    }

    @Test
    void neverPrintsKeys() {
        String out = ConfigCheck.render(ConfigTesting.parse(YAML));

        assertThat(out).doesNotContain("secret").contains("master key: set");
    }

    @Test
    void saysServeRefusesAllInterfacesWithoutAKeyAndThatAdminNeedsOne() {
        String out = ConfigCheck.render(ConfigTesting.parse("server: { host: 0.0.0.0 }\n"));

        assertThat(out).contains("ERROR      serve refuses to listen on 0.0.0.0 with no key required")
                .contains("NOTE       admin calls (/admin/...) are refused on 0.0.0.0 until admin_key");
    }

    @Test
    void warnsWhenListeningOnAllInterfacesIsAllowedOpen() {
        String out = ConfigCheck.render(ConfigTesting.parse("server: { host: 0.0.0.0, allow_open: true }\n"));

        assertThat(out).contains("WARNING    listening on 0.0.0.0 with no key required (allow_open: true)");
    }

    @Test
    void saysWhenNoAliasesAreConfigured() {
        String out = ConfigCheck.render(ConfigLoader.parse("", "x", Map.of(), Path.of("/tmp")));

        assertThat(out).contains("aliases    0 (/v1/models will list none)");
    }
}
