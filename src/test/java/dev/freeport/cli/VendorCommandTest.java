package dev.freeport.cli;

import dev.freeport.vendors.VendorSwitch;
import dev.freeport.vendors.VendorSwitchBoard;
import dev.freeport.vendors.VendorSwitchStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport vendor disable|enable|list}, run in-process against an embedded SQLite data dir. */
class VendorCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path dataDir() throws Exception {
        return Files.createDirectories(tmp.resolve("data"));
    }

    @Test
    void disableWritesTheSwitchAndConfirms() throws Exception {
        Path dir = dataDir();
        Run r = run("vendor", "disable", "DeepSeek", "--reason", "incident 7", "--data-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("vendor deepseek disabled: takes effect on every replica within 1 s");
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            VendorSwitch w = s.all().getFirst();
            assertThat(w.vendor()).isEqualTo("deepseek");
            assertThat(w.disabled()).isTrue();
            assertThat(w.reason()).isEqualTo("incident 7");
            assertThat(w.changedBy()).startsWith("cli:");
        }
    }

    @Test
    void aGatewayBoardOnTheConfiguredDataDirSeesTheCliWithinOneSecond() throws Exception {
        Path dir = dataDir();
        Path config = tmp.resolve("freeport.yaml");
        Files.writeString(config, "models: []\nledger: { data_dir: \"%s\" }\n".formatted(dir));
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir); VendorSwitchBoard board = new VendorSwitchBoard(s)) {
            Run r = run("vendor", "disable", "openai", "--config", config.toString());
            assertThat(r.code()).as(r.err()).isZero();
            long start = System.nanoTime();
            while (board.disabled("openai") == null && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(2);
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);

            Run back = run("vendor", "enable", "openai", "--config", config.toString());
            assertThat(back.code()).as(back.err()).isZero();
            assertThat(back.out()).contains("vendor openai enabled: takes effect on every replica within 1 s");
            start = System.nanoTime();
            while (board.disabled("openai") != null && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(2);
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        }
    }

    @Test
    void listShowsEverySwitchWithStatusAndReason() throws Exception {
        Path dir = dataDir();
        run("vendor", "disable", "qwen", "--reason", "policy", "--data-dir", dir.toString());
        run("vendor", "disable", "google", "--data-dir", dir.toString());
        run("vendor", "enable", "google", "--data-dir", dir.toString());
        Run r = run("vendor", "list", "--data-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("google\\s+enabled").containsPattern("qwen\\s+disabled.*policy");
        Run json = run("vendor", "list", "--json", "--data-dir", dir.toString());
        assertThat(json.out()).contains("\"status\" : \"disabled\"");
    }

    @Test
    void listOfAFreshStoreSaysEveryVendorIsEnabled() throws Exception {
        Run r = run("vendor", "list", "--data-dir", dataDir().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("every vendor is enabled");
    }

    @Test
    void anInvalidNameExitsWith2AndWritesNothing() throws Exception {
        Path dir = dataDir();
        Run r = run("vendor", "disable", "open ai", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid vendor name");
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            assertThat(s.all()).isEmpty();
        }
    }

    @Test
    void aMissingDataDirIsAnErrorNotASilentNewDatabase() {
        Path missing = tmp.resolve("nope");
        Run r = run("vendor", "disable", "openai", "--data-dir", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no Freeport data dir");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aMissingConfigFileExitsWith2() {
        Run r = run("vendor", "list", "--config", tmp.resolve("absent.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("absent.yaml");
    }

    @Test
    void disableWithAConfigNamesTheAliasesLeftWithoutAnotherVendor() throws Exception {
        Path dir = dataDir();
        Path config = tmp.resolve("freeport.yaml");
        Files.writeString(config, """
                providers:
                  ds: { type: openai, preset: deepseek }
                  gpu: { type: openai, preset: vllm, base_url: http://gpu:8000/v1 }
                models:
                  - { name: chat, targets: [ ds/deepseek-chat, gpu/qwen ] }
                  - { name: reasoner, targets: [ ds/deepseek-reasoner ] }
                ledger: { data_dir: "%s" }
                """.formatted(dir));
        Run r = run("vendor", "disable", "deepseek", "--config", config.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("these aliases have no other vendor and answer 503: reasoner")
                .doesNotContain("chat,");
        Run other = run("vendor", "disable", "openai", "--config", config.toString());
        assertThat(other.code()).isZero();
        assertThat(other.err()).contains("no alias in " + config + " routes to vendor openai (its vendors: deepseek,"
                + " self)");
    }

    @Test
    void anUnknownVendorIsRefusedWithADidYouMeanAndNothingIsWritten() throws Exception {
        Path dir = dataDir();

        Run r = run("vendor", "disable", "deepsek", "--data-dir", dir.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown vendor \"deepsek\" (did you mean \"deepseek\"?)", "--force");
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            assertThat(s.all()).isEmpty();
        }
    }

    @Test
    void forceSwitchesAVendorThatNeitherTheConfigNorTheCatalogKnows() throws Exception {
        Path dir = dataDir();

        Run r = run("vendor", "disable", "acme-ai", "--force", "--data-dir", dir.toString());

        assertThat(r.code()).as(r.err()).isZero();
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            assertThat(s.all()).singleElement().satisfies(w -> assertThat(w.vendor()).isEqualTo("acme-ai"));
        }
    }

    @Test
    void aProviderNameIsAnsweredWithItsVendor() throws Exception {
        Path dir = dataDir();
        Path config = tmp.resolve("freeport.yaml");
        Files.writeString(config, """
                providers:
                  gpu: { type: openai, preset: vllm, base_url: http://gpu:8000/v1 }
                models:
                  - { name: local, targets: [ gpu/qwen ] }
                ledger: { data_dir: "%s" }
                """.formatted(dir));

        Run r = run("vendor", "disable", "gpu", "--config", config.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown vendor \"gpu\" (provider gpu belongs to vendor self)");
    }
}
