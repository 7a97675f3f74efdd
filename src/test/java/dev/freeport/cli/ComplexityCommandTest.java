package dev.freeport.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComplexityCommandTest {

    @Test
    void scoresAPromptAndGivesTheVerdictAtTheShare() {
        AuditCommandTest.Run easy = AuditCommandTest.run("complexity", "--share", "0.2", "Thanks, see you tomorrow!");
        assertThat(easy.code()).isZero();
        assertThat(easy.out()).contains("minilm-l6-v2+features v1", "threshold for 20% strong", "easy -> cheap model");
        AuditCommandTest.Run hard = AuditCommandTest.run("complexity", "--share", "0.5",
                "Design a sharded rate limiter that stays correct during network partitions and prove its bound.");
        assertThat(hard.out()).contains("hard -> strong model");
    }

    @Test
    void rejectsAShareOutsideZeroToOne() {
        AuditCommandTest.Run r = AuditCommandTest.run("complexity", "--share", "1.5", "hello");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--share must be within 0..1");
    }

    @Test
    void withoutPromptOrEvalSaysWhatIsMissing() {
        AuditCommandTest.Run r = AuditCommandTest.run("complexity");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("freeport complexity: nothing to score: give a prompt", "--eval");
    }
}
