package dev.freeport.vendors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Boards over one embedded SQLite file, as a gateway and the CLI (or two processes) on one data dir. */
class VendorSwitchBoardTest {
    @TempDir
    Path dir;

    @Test
    void disableOnOneBoardReachesTheOtherWithinOneSecond() {
        try (VendorSwitchStore s1 = VendorSwitchStore.sqlite(dir); VendorSwitchStore s2 = VendorSwitchStore.sqlite(dir);
             VendorSwitchBoard one = new VendorSwitchBoard(s1); VendorSwitchBoard two = new VendorSwitchBoard(s2)) {
            assertThat(two.disabled("deepseek")).isNull();
            one.disable("deepseek", "incident", "test");
            long ms = Propagation.millisUntil(two, "deepseek", Objects::nonNull);
            assertThat(ms).isLessThan(1000);
            assertThat(two.disabled("deepseek").reason()).isEqualTo("incident");
        }
    }

    @Test
    void enableOnOneBoardReachesTheOtherWithinOneSecond() {
        try (VendorSwitchStore s1 = VendorSwitchStore.sqlite(dir); VendorSwitchStore s2 = VendorSwitchStore.sqlite(dir);
             VendorSwitchBoard one = new VendorSwitchBoard(s1); VendorSwitchBoard two = new VendorSwitchBoard(s2)) {
            one.disable("openai", null, "test");
            Propagation.millisUntil(two, "openai", Objects::nonNull);
            one.enable("openai", null, "test");
            long ms = Propagation.millisUntil(two, "openai", Objects::isNull);
            assertThat(ms).isLessThan(1000);
        }
    }

    @Test
    void aWriteThroughTheBoardIsInForceOnItAtOnce() {
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir); VendorSwitchBoard board = new VendorSwitchBoard(s)) {
            board.disable("Qwen", "r", "test");
            assertThat(board.disabled("qwen")).isNotNull();
            board.enable("QWEN", null, "test");
            assertThat(board.disabled("qwen")).isNull();
        }
    }

    @Test
    void aNewBoardStartsWithTheStoredSwitches() {
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            s.set("moonshot", true, "off since yesterday", "cli:bob");
            s.set("google", true, null, "cli:bob");
            s.set("google", false, null, "cli:bob");
            try (VendorSwitchBoard board = new VendorSwitchBoard(s)) {
                assertThat(board.disabled("moonshot").reason()).isEqualTo("off since yesterday");
                assertThat(board.disabled("google")).isNull();
                assertThat(board.disabled(null)).isNull();
            }
        }
    }

    @Test
    void anInvalidNameIsRefusedBeforeAnythingIsWritten() {
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir); VendorSwitchBoard board = new VendorSwitchBoard(s)) {
            assertThatThrownBy(() -> board.disable("bad name!", null, "t")).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.all()).isEmpty();
        }
    }
}
