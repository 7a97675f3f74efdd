package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An alias's {@code shadow:} section: read with its defaults, its mistakes named with their line. */
class ShadowConfigTest {
    static final String HEAD = """
            providers:
              ds: { type: openai, preset: deepseek }
            models:
              - name: coder
                targets: [ ds/deepseek-chat ]
            """;

    static FreeportConfig parse(String shadow) {
        return ConfigLoader.parse(HEAD + "    shadow: " + shadow + "\n  - name: cheap\n    targets: [ ds/deepseek-chat ]\n",
                "test.yaml", Map.of());
    }

    static String problem(String shadow) {
        return catchThrowableOfType(ConfigException.class, () -> parse(shadow)).getMessage();
    }

    @Test
    void aShadowSectionIsReadWithItsDefaults() {
        ShadowConfig s = parse("{ targets: [ cheap ], budget: 20usd/day }").models().getFirst().shadow();
        assertThat(s).isEqualTo(new ShadowConfig(List.of("cheap"), 0.05, 4, 100, 20_000_000_000L, "day"));
    }

    @Test
    void aShadowTargetMustBeAnotherAlias() {
        assertThat(problem("{ targets: [ chaep ], budget: 20usd/day }"))
                .contains("test.yaml:6:", "unknown alias \"chaep\"", "did you mean \"cheap\"");
        assertThat(problem("{ targets: [ coder ], budget: 20usd/day }")).contains("cannot shadow itself");
    }

    @Test
    void aShadowWithoutABudgetIsRefused() {
        assertThat(problem("{ targets: [ cheap ], sample: 0.1 }")).contains("budget", "is required");
        assertThat(problem("{ targets: [ cheap ], budget: lots }")).contains("not a shadow budget");
        assertThat(problem("{ targets: [ cheap ], budget: 20usd/day, sample: 2 }")).contains("sample");
    }
}
