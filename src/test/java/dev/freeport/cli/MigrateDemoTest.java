package dev.freeport.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport migrate demo}: the whole loop offline, each step printed, ending with the canary promoted. */
class MigrateDemoTest {

    @Test
    void theDemoRunsTheWholeLoopFromTheAuditToAPromotedCanary(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.in(dir, Map.of(), "migrate", "demo", "--data-dir", "demo");

        System.out.println(r.out());
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("== 1. Audit", "frontierlab", "== 2. Shadow", "sent 80", "== 3. Replay",
                "== 4. Report", "open-coder", "tiny-coder", "== 5. Canary",
                "canary coder -> tiny-coder: rolled back", "why: automatic rollback: ",
                "canary coder -> open-coder: running at 100 %", "To make it permanent", "move coder to open-coder");
        // the bad canary fails both ways; which of its error and check-failure rates crosses first is a race
        assertThat(r.out()).containsPattern("why: automatic rollback: (error rate|check-failure rate)");
        assertThat(Files.readString(dir.resolve("demo/report.html"))).contains("<svg");
    }
}
