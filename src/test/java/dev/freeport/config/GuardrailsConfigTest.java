package dev.freeport.config;

import dev.freeport.guardrails.Action;
import dev.freeport.guardrails.Guardrails;
import dev.freeport.guardrails.GuardrailsFromConfig;
import dev.freeport.guardrails.detect.Kind;
import dev.freeport.route.Trust;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.freeport.config.ConfigTesting.SANDBOX;
import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code guardrails:} section: read, validated with line numbers, and turned into plans. */
class GuardrailsConfigTest {
    static final String DATA_CLASSES = """
            routing:
              data_classes:
                hr: { allow_trust: [ self-hosted, contracted, public ] }
            """;

    @Test
    void theConfigsKindNamesAreTheDetectorsKinds() {
        assertThat(GuardrailsReader.KINDS).containsExactlyElementsOf(Arrays.stream(Kind.values())
                .map(Kind::configName).toList());
    }

    @Test
    void rulesBecomePlansPerTrustAndDataClassWithTheStrictestActionPerKind() {
        FreeportConfig c = parse(SANDBOX + DATA_CLASSES + """
                guardrails:
                  ip_addresses: all
                  entropy_threshold: 3.5
                  allow: { values: [help@acme.com], patterns: ['.*@acme\\.com'] }
                  rules:
                    - trust: [public]
                      block: [private_key]
                      mask: [secrets]
                      pseudonymise: [personal]
                    - data_class: hr
                      block: [email]
                """);
        Guardrails g = GuardrailsFromConfig.of(c.guardrails());

        assertThat(c.guardrails().ipAddresses()).isEqualTo("all");
        assertThat(g.forTarget(Trust.PUBLIC_API, null).actions())
                .containsEntry(Kind.PRIVATE_KEY, Action.BLOCK).containsEntry(Kind.GITHUB_TOKEN, Action.MASK)
                .containsEntry(Kind.EMAIL, Action.PSEUDONYMISE);
        assertThat(g.forTarget(Trust.PUBLIC_API, "hr").actions()).containsEntry(Kind.EMAIL, Action.BLOCK);
        assertThat(g.forTarget(Trust.SELF_HOSTED, null).isEmpty()).isTrue();
        assertThat(g.forTarget(Trust.SELF_HOSTED, "hr").actions()).containsOnlyKeys(Kind.EMAIL);
    }

    @Test
    void configCheckSummarisesTheRules() {
        String summary = ConfigCheck.render(parse(SANDBOX + """
                guardrails:
                  rules:
                    - { trust: [public], block: [private_key], pseudonymise: [personal] }
                """));
        assertThat(summary).contains("guardrails 1 rules\n  trust public  data class any  block: private_key"
                + "  pseudonymise: personal\n");
    }

    @Test
    void noSectionMeansNoGuardrails() {
        assertThat(GuardrailsFromConfig.of(parse(SANDBOX).guardrails())).isSameAs(Guardrails.NONE);
    }

    @Test
    void anUnknownKindIsAProblemWithItsLine() {
        ConfigProblem p = problem(SANDBOX + """
                guardrails:
                  rules:
                    - trust: [public]
                      mask: [emial]
                """);
        assertThat(p.path()).isEqualTo("guardrails.rules[0].mask");
        assertThat(p.line()).isEqualTo(9);
        assertThat(p.message()).contains("unknown kind \"emial\"").contains("did you mean \"email\"");
    }

    @Test
    void anUnknownTrustLevelIsAProblem() {
        ConfigProblem p = problem(SANDBOX + """
                guardrails:
                  rules:
                    - { trust: [pubic], block: [all] }
                """);
        assertThat(p.message()).contains("unknown trust level \"pubic\"");
    }

    @Test
    void aDataClassMustBeDefinedUnderRouting() {
        ConfigProblem p = problem(SANDBOX + """
                guardrails:
                  rules:
                    - { data_class: [health], block: [personal] }
                """);
        assertThat(p.path()).isEqualTo("guardrails.rules[0].data_class");
        assertThat(p.message()).contains("unknown data class \"health\"");
    }

    @Test
    void aRuleWithoutAnActionIsAProblem() {
        ConfigProblem p = problem(SANDBOX + """
                guardrails:
                  rules:
                    - { trust: [public] }
                """);
        assertThat(p.message()).contains("needs at least one of block, mask, pseudonymise");
    }

    @Test
    void aBadAllowPatternIsAProblem() {
        ConfigProblem p = problem(SANDBOX + """
                guardrails:
                  allow: { patterns: ['[a-'] }
                  rules: [ { block: [all] } ]
                """);
        assertThat(p.path()).isEqualTo("guardrails.allow.patterns");
        assertThat(p.message()).contains("not a regular expression");
    }
}
