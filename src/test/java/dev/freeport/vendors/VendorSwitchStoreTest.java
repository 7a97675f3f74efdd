package dev.freeport.vendors;

import dev.freeport.access.KeyStore;
import dev.freeport.api.VendorNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The switch store on the embedded SQLite file it shares with keys and teams. */
class VendorSwitchStoreTest {
    @TempDir
    Path dir;

    @Test
    void disableIsStoredWithReasonAuthorAndTime() {
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            VendorSwitch w = s.set("deepseek", true, "incident 42", "cli:alice");
            assertThat(s.all()).containsExactly(w);
            assertThat(w.disabled()).isTrue();
            assertThat(w.reason()).isEqualTo("incident 42");
            assertThat(w.changedBy()).isEqualTo("cli:alice");
            assertThat(w.off().since()).isEqualTo(w.changedAt());
        }
    }

    @Test
    void changesSinceReturnsOnlyLaterWritesInVersionOrder() {
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            VendorSwitch a = s.set("openai", true, null, "t");
            VendorSwitch b = s.set("qwen", true, null, "t");
            VendorSwitch c = s.set("openai", false, null, "t");
            assertThat(b.version()).isGreaterThan(a.version());
            assertThat(s.changesSince(a.version())).containsExactly(b, c);
            assertThat(s.changesSince(c.version())).isEmpty();
        }
    }

    @Test
    void switchesSurviveReopeningAndLiveInTheKeyStoresDatabase() {
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            s.set("mistral", true, "why", "t");
        }
        try (KeyStore keys = KeyStore.sqlite(dir); VendorSwitchStore again = VendorSwitchStore.sqlite(dir)) {
            assertThat(keys.keys()).isEmpty();
            assertThat(again.all()).extracting(VendorSwitch::vendor).containsExactly("mistral");
        }
        assertThat(dir.resolve("access.db")).exists();
    }

    @Test
    void concurrentWritersOnOneFileLoseNoUpdateAndNeverShareAVersion() throws Exception {
        try (VendorSwitchStore one = VendorSwitchStore.sqlite(dir); VendorSwitchStore two = VendorSwitchStore.sqlite(dir)) {
            List<VendorSwitch> written = Concurrent.disableFromBoth(one, two, 40);
            Concurrent.assertNothingLost(one, written, 40);
        }
    }

    @Test
    void namesAreLowerCasedAndValidated() {
        assertThat(VendorNames.require(" DeepSeek ")).isEqualTo("deepseek");
        assertThat(VendorNames.require("self")).isEqualTo("self");
        assertThat(VendorNames.require("a.b_c-9")).isEqualTo("a.b_c-9");
        assertThatThrownBy(() -> VendorNames.require("open ai")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VendorNames.require("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VendorNames.require("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VendorNames.require("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
