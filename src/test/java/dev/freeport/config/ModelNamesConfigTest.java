package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** The model names agents send, in models: (docs/CONFIG.md "Model names agents send"). */
class ModelNamesConfigTest {
    private static final String PROVIDERS = """
            providers:
              ds: { preset: deepseek, api_key: k }
            models:
            """;

    @Test
    void patternsTheDefaultAndAProviderWildcardAreRead() {
        FreeportConfig c = parse(PROVIDERS + """
                  - name: fast
                    match: ["claude-*-haiku-*", "claude-haiku-*"]
                    targets: [ds/deepseek-chat]
                  - name: coder
                    match: claude-*
                    default: true
                    targets: [ds/deepseek-reasoner]
                  - name: "deepseek/*"
                    targets: ["ds/*"]
                """);
        assertThat(c.models().get(0).match()).containsExactly("claude-*-haiku-*", "claude-haiku-*");
        assertThat(c.models().get(1).match()).containsExactly("claude-*");
        assertThat(c.models().get(1).isDefault()).isTrue();
        assertThat(c.models().get(0).isDefault()).isFalse();
        assertThat(c.models().get(2).wildcard()).isTrue();
        assertThat(c.models().get(2).targets().get(0).model()).isEqualTo("*");
    }

    @Test
    void aPatternUsedTwiceNamesTheFirstLine() {
        ConfigProblem p = problem(PROVIDERS + """
                  - { name: a, match: [claude-*], targets: [ds/x] }
                  - { name: b, match: [Claude-*], targets: [ds/y] }
                """);
        assertThat(p.path()).isEqualTo("models[1].match[0]");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.message()).contains("already used (line 4)");
    }

    @Test
    void aSecondDefaultNamesTheFirst() {
        ConfigProblem p = problem(PROVIDERS + """
                  - { name: a, default: true, targets: [ds/x] }
                  - { name: b, default: true, targets: [ds/y] }
                """);
        assertThat(p.path()).isEqualTo("models[1].default");
        assertThat(p.message()).isEqualTo("only one alias can be the default (line 4 already is)");
    }

    @Test
    void aPatternWithOtherCharactersIsRefused() {
        ConfigProblem p = problem(PROVIDERS + "  - { name: a, match: [\"claude sonnet\"], targets: [ds/x] }\n");
        assertThat(p.path()).isEqualTo("models[0].match[0]");
        assertThat(p.message()).contains("got \"claude sonnet\"");
    }

    @Test
    void aStarInANameMustBeAProviderWildcard() {
        ConfigProblem p = problem(PROVIDERS + "  - { name: \"claude-*\", targets: [ds/x] }\n");
        assertThat(p.path()).isEqualTo("models[0].name");
        assertThat(p.message()).contains("provider wildcard such as \"deepseek/*\"").contains("match:");
    }

    @Test
    void aStarInATargetModelBelongsOnlyToAWildcard() {
        ConfigProblem p = problem(PROVIDERS + "  - { name: coder, targets: [\"ds/*\"] }\n");
        assertThat(p.path()).isEqualTo("models[0].targets");
        assertThat(p.message()).contains("only a provider wildcard");
    }

    @Test
    void aWildcardTakesNoPatternsAndNoComplexityRouting() {
        List<ConfigProblem> problems = ConfigTesting.failure(PROVIDERS + """
                  - { name: "deepseek/*", match: [ds-*], targets: ["ds/*"] }
                """).problems();
        assertThat(problems).extracting(ConfigProblem::path).containsExactly("models[0].match");
    }

    @Test
    void defaultMustBeABoolean() {
        ConfigProblem p = problem(PROVIDERS + "  - { name: a, default: maybe, targets: [ds/x] }\n");
        assertThat(p.message()).isEqualTo("must be true or false, got \"maybe\"");
    }
}
