package dev.freeport.route;

import dev.freeport.config.ModelConfig;
import dev.freeport.config.TargetConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ModelNamesTest {
    private static final List<TargetConfig> T = List.of(new TargetConfig("p", "m", 1, null));

    private static ModelConfig alias(String name, boolean isDefault, String... match) {
        return new ModelConfig(name, ModelConfig.Strategy.ORDERED, T, null, ModelConfig.DEFAULT_STRONG_SHARE, null,
                List.of(match), isDefault);
    }

    private static final ModelNames NAMES = ModelNames.of(List.of(
            alias("fast", false, "claude-*-haiku-*", "claude-haiku-*"),
            alias("coder", true, "claude-*", "gpt-5*"),
            new ModelConfig("deepseek/*", ModelConfig.Strategy.ORDERED, List.of(new TargetConfig("ds", "*", 1, null)),
                    null),
            new ModelConfig("deepseek/beta/*", ModelConfig.Strategy.ORDERED,
                    List.of(new TargetConfig("dsb", "*", 1, null)), null)));
    private static final Set<String> EXACT = Set.of("fast", "coder", "claude-opus-5-5");

    private static ModelNames.Match resolve(String name) {
        return NAMES.resolve(name, EXACT::contains);
    }

    @Test
    void anExactAliasWinsOverEveryPattern() {
        assertThat(resolve("claude-opus-5-5")).isEqualTo(new ModelNames.Match("claude-opus-5-5",
                ModelNames.Kind.EXACT, null, null));
    }

    @Test
    void patternsAreTriedInConfigOrder() {
        assertThat(resolve("claude-3-5-haiku-20241022").alias()).isEqualTo("fast");
        assertThat(resolve("claude-haiku-4-5").alias()).isEqualTo("fast");
        assertThat(resolve("claude-sonnet-4-5-20250929").alias()).isEqualTo("coder");
        assertThat(resolve("claude-sonnet-4-5-20250929").describe()).isEqualTo("pattern claude-*");
        assertThat(resolve("gpt-5.5").alias()).isEqualTo("coder");
    }

    @Test
    void patternsIgnoreCaseAndTreatOnlyTheStarAsSpecial() {
        assertThat(resolve("Claude-Sonnet-4").alias()).isEqualTo("coder");
        assertThat(ModelNames.glob("a.b*").matcher("aXb-1").matches()).isFalse();
        assertThat(ModelNames.glob("a.b*").matcher("a.b-1").matches()).isTrue();
    }

    @Test
    void aProviderWildcardTakesTheRestOfTheNameTheLongestPrefixFirst() {
        ModelNames.Match m = resolve("deepseek/deepseek-chat");
        assertThat(m.kind()).isEqualTo(ModelNames.Kind.WILDCARD);
        assertThat(m.alias()).isEqualTo("deepseek/*");
        assertThat(m.rest()).isEqualTo("deepseek-chat");
        assertThat(resolve("deepseek/beta/x").alias()).isEqualTo("deepseek/beta/*");
    }

    @Test
    void aWildcardDoesNotPassOnANameThatCouldLeaveTheUpstreamsPath() {
        for (String bad : List.of("deepseek/../admin", "deepseek//x", "deepseek/x y", "deepseek/?a=b")) {
            assertThat(resolve(bad).kind()).as(bad).isEqualTo(ModelNames.Kind.DEFAULT);
        }
    }

    @Test
    void anyOtherNameGoesToTheDefaultAliasAndWithoutOneToNothing() {
        assertThat(resolve("qwen3.7-max")).isEqualTo(new ModelNames.Match("coder", ModelNames.Kind.DEFAULT, null,
                null));
        assertThat(ModelNames.of(List.of(alias("fast", false, "claude-*"))).resolve("gpt-5", n -> false)).isNull();
    }
}
