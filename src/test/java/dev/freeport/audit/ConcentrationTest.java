package dev.freeport.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.freeport.audit.Records.req;
import static org.assertj.core.api.Assertions.assertThat;

class ConcentrationTest {

    @Test
    void hhiIsTheSumOfSquaredPercentShares() {
        // 50%, 30%, 20%: 2500 + 900 + 400 = 3800
        assertThat(Concentration.hhi(List.of(5_000L, 3_000L, 2_000L))).isEqualTo(3800);
        assertThat(Concentration.hhi(List.of(7L))).isEqualTo(10_000);
        assertThat(Concentration.hhi(List.of(1L, 1L, 1L, 1L))).isEqualTo(2500);
        assertThat(Concentration.hhi(List.of())).isZero();
    }

    @Test
    void hhiReadingFollowsTheUsualThresholds() {
        assertThat(Concentration.reading(1000)).isEqualTo("unconcentrated");
        assertThat(Concentration.reading(2500)).isEqualTo("moderately concentrated");
        assertThat(Concentration.reading(3800)).isEqualTo("highly concentrated");
    }

    @Test
    void sharesPerVendorAndJurisdictionAndInferredSinglePointsOfFailure() {
        List<AuditRecord> rs = List.of(req("a").on("x", "openai", "gpt-4o").cost(3_000).build(),
                req("b").on("x", "deepseek", "deepseek-chat").cost(1_000).build(),
                req("c").on("y", "deepseek", "deepseek-chat").cost(0).build());
        AuditReport.Concentration c = Concentration.of(rs, List.of(), Records.CATALOG);
        assertThat(c.vendors()).extracting(AuditReport.Share::key).containsExactly("openai", "deepseek");
        assertThat(c.vendors().get(0).spendPct()).isEqualByComparingTo("75.0");
        assertThat(c.jurisdictions()).extracting(AuditReport.Share::key).containsExactly("US / US", "CN / CN");
        assertThat(c.hhi()).isEqualTo(6250); // 75^2 + 25^2
        assertThat(c.singlePointsOfFailure()).extracting(AuditReport.Spof::alias).containsExactly("y");
    }

    @Test
    void configuredAliasesWithOneTargetOrOneVendorAreSinglePoints() {
        AuditReport.Concentration c = Concentration.of(List.of(), List.of(
                new AuditInput.AliasTargets("solo", List.of("openai")),
                new AuditInput.AliasTargets("same", List.of("openai", "openai")),
                new AuditInput.AliasTargets("ok", List.of("openai", "deepseek"))), Records.CATALOG);
        assertThat(c.singlePointsOfFailure()).extracting(AuditReport.Spof::alias, AuditReport.Spof::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("solo", "no fallback target"),
                        org.assertj.core.groups.Tuple.tuple("same", "every target is the same vendor"));
    }
}
