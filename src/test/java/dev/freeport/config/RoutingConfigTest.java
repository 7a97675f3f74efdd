package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RoutingConfigTest {
    static final String PROVIDERS = """
            providers:
              ds: { type: openai, preset: deepseek }
              gpu: { type: openai, preset: vllm, base_url: http://gpu:8000/v1, region: de, trust: self-hosted }
              azure: { type: openai, base_url: https://x.example/v1, vendor: Microsoft, jurisdiction: us, region: EU, trust: contracted }
            """;

    static FreeportConfig parse(String yaml) {
        return ConfigLoader.parse(PROVIDERS + yaml, "test.yaml", Map.of());
    }

    static String problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsPlacementCapabilitiesRolesDataClassesAndCaps() {
        FreeportConfig c = parse("""
                models:
                  - name: auto
                    strategy: complexity
                    strong_share: 0.3
                    targets:
                      - { provider: gpu, model: qwen, role: light, capabilities: { context_window: 32768, vision: false } }
                      - { provider: azure, model: gpt, role: strong }
                routing:
                  default_data_class: internal
                  exploration: 0.1
                  data_classes:
                    confidential: { allow_trust: [ self-hosted ], allow_jurisdictions: [ EU ] }
                    internal: { deny_jurisdictions: cn, deny_vendors: [ DeepSeek ] }
                  concentration_caps:
                    - { vendor: openai, max_share: 0.6, measure: tokens, window: 30m, min_requests: 5 }
                """);
        assertThat(c.providers().get("azure").placement()).isEqualTo(new Placement("microsoft", "US", "EU",
                "contracted"));
        assertThat(c.providers().get("gpu").placement()).isEqualTo(new Placement(null, null, "DE", "self-hosted"));
        assertThat(c.providers().get("ds").placement()).isNull();
        ModelConfig auto = c.model("auto");
        assertThat(auto.strategy()).isEqualTo(ModelConfig.Strategy.COMPLEXITY);
        assertThat(auto.strongShare()).isEqualTo(0.3);
        assertThat(auto.targets().get(0).role()).isEqualTo("light");
        assertThat(auto.targets().get(0).capabilities()).isEqualTo(new CapabilitiesConfig(32768L, null, false, null,
                null));
        assertThat(auto.targets().get(1).strong()).isTrue();
        RoutingConfig r = c.routing();
        assertThat(r.defaultDataClass()).isEqualTo("internal");
        assertThat(r.exploration()).isEqualTo(0.1);
        assertThat(r.dataClasses().get("confidential").allowTrust()).containsExactly("self-hosted");
        assertThat(r.dataClasses().get("confidential").allowJurisdictions()).containsExactly("EU");
        assertThat(r.dataClasses().get("internal").denyJurisdictions()).isEqualTo(Set.of("CN"));
        assertThat(r.dataClasses().get("internal").denyVendors()).isEqualTo(Set.of("deepseek"));
        assertThat(r.caps()).containsExactly(new RoutingConfig.CapConfig("openai", 0.6, "tokens",
                Duration.ofMinutes(30), 5));
    }

    @Test
    void everyStrategyIsAccepted() {
        for (String s : new String[]{"ordered", "weighted", "cheapest", "fastest", "least-busy"}) {
            FreeportConfig c = parse("models:\n  - { name: m, strategy: " + s + ", targets: [ ds/deepseek-chat ] }\n");
            assertThat(c.model("m").strategy().label()).isEqualTo(s);
        }
    }

    @Test
    void complexityNeedsALightAndAStrongTarget() {
        assertThat(problems("""
                models:
                  - name: auto
                    strategy: complexity
                    targets: [ { provider: ds, model: deepseek-chat, role: light } ]
                """)).contains("models[0].targets").contains("role: strong");
    }

    @Test
    void rolesAndStrongShareOnlyApplyToComplexity() {
        String msg = problems("""
                models:
                  - name: m
                    strong_share: 0.2
                    targets: [ { provider: ds, model: deepseek-chat, role: strong } ]
                """);
        assertThat(msg).contains("strong_share only applies to strategy: complexity")
                .contains("role (light/strong) only applies");
    }

    @Test
    void badRoutingValuesAreReportedWithTheirPlace() {
        String msg = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("""
                providers:
                  x: { type: openai, base_url: http://x/v1, trust: trusted, jurisdiction: USA, region: EU }
                models:
                  - { name: m, strategy: cheapest-capable, targets: [ x/m ] }
                routing:
                  default_data_class: secret
                  data_classes:
                    confidential: { allow_trust: [ selfhosted-ish ], allow_jurisdictions: [ Europe ] }
                  concentration_caps:
                    - { vendor: openai, measure: dollars }
                """, "test.yaml", Map.of())).getMessage();
        assertThat(msg).contains("unknown trust \"trusted\"")
                .contains("providers.x.jurisdiction: must be a two-letter ISO 3166 country code")
                .contains("unknown strategy \"cheapest-capable\"")
                .contains("unknown data class \"secret\"")
                .contains("unknown trust level \"selfhosted-ish\"")
                .contains("\"Europe\" is not a two-letter country code")
                .contains("max_share: is required")
                .contains("unknown measure \"dollars\"");
    }
}
