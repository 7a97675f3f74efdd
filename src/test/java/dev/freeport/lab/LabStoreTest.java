package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.StoreConfig;
import dev.freeport.json.Json;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The lab's store keeps the same things on SQLite and on PostgreSQL (two replicas sharing one database). */
class LabStoreTest {
    @TempDir
    Path dir;

    static final LabAnswer ANSWER = new LabAnswer("inc", "big", LabAnswer.OK, null, 20, 10, 500_000, 123, null,
            "stop", (ObjectNode) Json.NODES.objectNode().put("object", "chat.completion"));

    /** Writes through {@code one}, reads through {@code two}. */
    static void keepsEverything(LabStore one, LabStore two) {
        ObjectNode request = Json.NODES.objectNode().put("model", "coder");
        request.putArray("messages").addObject().put("role", "user").put("content", "héllo");
        assertThat(one.putSample(new LabSample("s1", "coder", "shadow", 1_000, "fp-abc", "search", "internal",
                request, ANSWER, "prod,eu"))).isTrue();
        assertThat(one.putSample(new LabSample("s1", "coder", "shadow", 1_000, null, null, null, request, null)))
                .as("a sample is kept once").isFalse();
        assertThat(one.putSample(new LabSample("s2", "coder", "import", 2_000, null, null, null, request, null)))
                .isTrue();
        LabAnswer cand = new LabAnswer("cand", "small", LabAnswer.OK, null, 20, 10, 40_000, 456, 77L, "length", null);
        assertThat(one.putResult(new LabResult("s1", "coder", "cheap", "shadow", 1_500, cand))).isTrue();
        assertThat(one.putResult(new LabResult("s1", "coder", "cheap", "replay", 1_600, cand)))
                .as("an answered pair is never replaced").isFalse();
        assertThat(one.setPrimary("s2", ANSWER)).isTrue();
        assertThat(one.putVerdict(new Verdict("s1", "cheap", "coder", "referee", 1_700, Verdict.Kind.WORSE, "why",
                9))).isTrue();

        assertThat(two.samples("coder", 0)).containsExactly(
                new LabSample("s1", "coder", "shadow", 1_000, "fp-abc", "search", "internal", request, ANSWER,
                        "prod,eu"),
                new LabSample("s2", "coder", "import", 2_000, null, null, null, request, ANSWER));
        assertThat(two.results("coder", 0)).containsExactly(new LabResult("s1", "coder", "cheap", "shadow", 1_500,
                cand));
        assertThat(two.answered("s1")).containsExactly("cheap");
        assertThat(two.verdicts("coder", 0)).extracting(Verdict::verdict).containsExactly(Verdict.Kind.WORSE);
        assertThat(two.shadowSpentSince("coder", 1_000)).isEqualTo(40_000);
        assertThat(two.count("coder", "import")).isEqualTo(1);
        assertThat(two.purge("coder", "shadow", 1_001)).isEqualTo(1);
        assertThat(one.results("coder", 0)).isEmpty();
    }

    @Test
    void sqliteKeepsSamplesResultsAndVerdicts() {
        try (LabStore one = LabStore.open(StoreConfig.EMBEDDED, dir);
             LabStore two = LabStore.open(StoreConfig.EMBEDDED, dir)) {
            keepsEverything(one, two);
        }
    }

    @Test
    void twoReplicasOnPostgresKeepTheSame() {
        try (PostgresServer pg = PostgresServer.start()) {
            StoreConfig db = new StoreConfig(StoreConfig.Kind.POSTGRES, pg.newDatabase(), pg.user(), null, 4);
            try (LabStore one = LabStore.open(db, dir); LabStore two = LabStore.open(db, dir)) {
                keepsEverything(one, two);
            }
        }
    }
}
