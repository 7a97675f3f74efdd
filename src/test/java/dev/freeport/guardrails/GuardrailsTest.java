package dev.freeport.guardrails;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.detect.Kind;
import dev.freeport.route.Trust;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GuardrailsTest {
    private static final GuardrailRule PUBLIC_PII = GuardrailRule.of(Set.of(Trust.PUBLIC_API), Set.of(),
            Map.of(Action.PSEUDONYMISE, Kind.named("personal"), Action.BLOCK, Set.of(Kind.PRIVATE_KEY)));
    private static final GuardrailRule HR_EVERYWHERE = GuardrailRule.of(Set.of(), Set.of("hr"),
            Map.of(Action.MASK, Set.of(Kind.EMAIL)));
    private static final Guardrails GUARDRAILS = Guardrails.of(new GuardrailPolicy(List.of(PUBLIC_PII, HR_EVERYWHERE),
            Allowlist.of(Set.of("help@acme-corp.io"), List.of(".*@internal\\.acme-corp\\.io")), ScanSettings.DEFAULT));

    @Test
    void noPolicyGivesTheEmptyPlan() {
        assertThat(Guardrails.of(GuardrailPolicy.NONE).forTarget(Trust.PUBLIC_API, null)).isSameAs(GuardrailPlan.EMPTY);
    }

    @Test
    void appliesRulesOnlyToTheirTrustLevels() {
        assertThat(GUARDRAILS.forTarget(Trust.SELF_HOSTED, null).isEmpty()).isTrue();
        assertThat(GUARDRAILS.forTarget(Trust.PUBLIC_API, null).actions()).containsEntry(Kind.EMAIL, Action.PSEUDONYMISE);
    }

    @Test
    void appliesDataClassRulesOnlyToThatClass() {
        assertThat(GUARDRAILS.forTarget(Trust.SELF_HOSTED, "hr").actions()).containsExactly(Map.entry(Kind.EMAIL,
                Action.MASK));
        assertThat(GUARDRAILS.forTarget(Trust.SELF_HOSTED, "sales").isEmpty()).isTrue();
    }

    @Test
    void theStrictestActionWinsWhenRulesOverlap() {
        assertThat(GUARDRAILS.forTarget(Trust.PUBLIC_API, "hr").actions().get(Kind.EMAIL)).isEqualTo(Action.MASK);
    }

    @Test
    void unnamedDataClassesShareOnePlan() {
        assertThat(GUARDRAILS.forTarget(Trust.PUBLIC_API, "x1")).isSameAs(GUARDRAILS.forTarget(Trust.PUBLIC_API, "x2"));
    }

    @Test
    void neverFlagsAllowlistedValuesOrPatterns() throws Exception {
        ObjectNode b = new ObjectMapper().createObjectNode();
        b.putArray("messages").addObject().put("role", "user")
                .put("content", "help@acme-corp.io, ops@internal.acme-corp.io, eve@mailbox.org");
        Guarded g = GUARDRAILS.forTarget(Trust.PUBLIC_API, null).apply(b);
        assertThat(g.body().at("/messages/0/content").asText())
                .isEqualTo("help@acme-corp.io, ops@internal.acme-corp.io, <<EMAIL_1>>");
    }

    @Test
    void namesGroupsOfKinds() {
        assertThat(Kind.named("secrets")).contains(Kind.OPENAI_KEY, Kind.GENERIC_SECRET).doesNotContain(Kind.EMAIL);
        assertThat(Kind.named("pii")).contains(Kind.EMAIL, Kind.IBAN).doesNotContain(Kind.JWT);
        assertThat(Kind.named("nonsense")).isNull();
    }
}
