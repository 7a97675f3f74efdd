package dev.freeport.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleWorkloadTest {

    @Test
    void sameSeedGivesTheSameWorkload() {
        assertThat(SampleWorkload.generate(7, Records.CATALOG).records())
                .isEqualTo(SampleWorkload.generate(7, Records.CATALOG).records());
        assertThat(SampleWorkload.generate(7, Records.CATALOG).records())
                .isNotEqualTo(SampleWorkload.generate(8, Records.CATALOG).records());
    }

    @Test
    void sampleSpansAMonthWithThousandsOfRequests() {
        AuditReport r = Auditor.analyze(SampleWorkload.generate(42, Records.CATALOG), Records.CATALOG);
        assertThat(r.totals().requests()).isGreaterThan(3000);
        assertThat(r.spend().byDay()).hasSize(SampleWorkload.DAYS);
    }

    @Test
    void sampleProducesEveryFindingAndASaving() {
        AuditReport r = Auditor.analyze(SampleWorkload.generate(42, Records.CATALOG), Records.CATALOG);
        // the sample is traffic without a response cache: every finding but cache_hits
        assertThat(r.findings()).hasSize(11).filteredOn(f -> !f.id().equals("cache_hits"))
                .allSatisfy(f -> assertThat(f.count()).as(f.id()).isPositive());
        // the sample's batch-tagged key uses gpt-4.1, whose catalog entry has no batch price: counted at $0
        assertThat(r.findings()).filteredOn(f -> !f.id().equals("oversized_max_tokens") && !f.id().equals("cache_hits")
                && !f.id().equals("batchable")
                && !f.id().equals("retried_requests")).allSatisfy(f -> assertThat(f.nanos()).as(f.id()).isPositive());
        assertThat(r.savings().savingNanos()).isPositive();
        assertThat(r.concentration().jurisdictions()).hasSizeGreaterThan(1);
    }
}
