package dev.freeport.lab;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's one line of advice when the candidate did well on too few requests to be sure. */
class ReportSuggestionTest {

    @Test
    void aCandidateAsGoodOnTooFewRequestsAsksForMoreEvidenceRatherThanToKeepTheIncumbent() {
        String s = ReportBuilder.suggestion("coder", "open-coder", 40, 40, ReportBuilder.wilson(40, 40), Map.of(), 0);

        assertThat(s).startsWith("not enough evidence yet to move coder to open-coder: as good or better on 100.0%"
                + " of 40 requests, but the 95% CI starts at 91.2%");
        assertThat(ReportBuilder.suggestion("coder", "open-coder", 80, 80, ReportBuilder.wilson(80, 80), Map.of(), 0))
                .startsWith("move coder to open-coder");
        assertThat(ReportBuilder.suggestion("coder", "x", 40, 30, ReportBuilder.wilson(30, 40), Map.of(), 0))
                .startsWith("keep coder on its incumbent");
    }
}
