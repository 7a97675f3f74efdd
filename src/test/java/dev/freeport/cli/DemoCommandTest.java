package dev.freeport.cli;

import dev.freeport.config.ConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code freeport demo} run in-process with sample traffic, and the commands that follow it with {@code --demo}
 * from another directory; the demo keeps its ledger under $FREEPORT_HOME (here a temp folder).
 */
class DemoCommandTest {
    private static final int N = 12;

    @TempDir
    static Path tmp;
    static Map<String, String> env;
    static CliRun first;

    @BeforeAll
    static void runTheDemoOnce() throws Exception {
        env = Map.of("FREEPORT_HOME", tmp.resolve("fphome").toString());
        first = CliRun.in(Files.createDirectories(tmp.resolve("where-the-demo-ran")), env, "demo", "--port", "0",
                "--traffic", String.valueOf(N));
        assertThat(first.code()).as(first.err()).isZero();
    }

    private static CliRun elsewhere(String... args) throws Exception {
        return CliRun.in(Files.createDirectories(tmp.resolve("somewhere-else")), env, args);
    }

    @Test
    void theDemoHasThreeVendors() {
        assertThat(KnownVendors.ofConfig(ConfigLoader.demo(0, tmp))).containsExactly("frontierlab", "opencloud",
                "self");
    }

    @Test
    void trafficPrintsTheTableOfThatRunOnly() throws Exception {
        CliRun second = CliRun.in(tmp.resolve("where-the-demo-ran"), env, "demo", "--port", "0", "--traffic",
                String.valueOf(N));

        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).containsPattern("(?m)^TOTAL +" + N + " ");
    }

    @Test
    void drillDemoReadsTheDemosLedgerFromAnotherDirectory() throws Exception {
        CliRun r = elsewhere("drill", "--vendor", "frontierlab", "--demo");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("smart +[1-9]\\d* +[1-9]\\d* +fall back +opencloud/open-large-sim")
                .contains("no alias would fail");
    }

    @Test
    void theRequestTheDemoSuggestsExplainingIsExplained() throws Exception {
        Matcher m = Pattern.compile("\\./freeport explain (req_\\w+) --demo").matcher(first.out());
        assertThat(m.find()).as(first.out()).isTrue();

        CliRun r = elsewhere("explain", m.group(1), "--demo");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("request     " + m.group(1), "routing decision");
    }

    @Test
    void theKillSwitchWorksOnTheDemosVendors() throws Exception {
        CliRun off = elsewhere("vendor", "disable", "frontierlab", "--demo");
        CliRun on = elsewhere("vendor", "enable", "frontierlab", "--demo");

        assertThat(off.code()).as(off.err()).isZero();
        assertThat(off.err()).doesNotContain("warning", "note");
        assertThat(on.code()).as(on.err()).isZero();
    }

    @Test
    void theBannerShowsTheAnthropicSdkClaudeCodeAndHowToExplainARequest() {
        String banner = DemoCommand.banner("http://127.0.0.1:4000", ConfigLoader.demo(4000, tmp), "--demo");

        assertThat(banner).contains("anthropic.Anthropic(base_url=\"http://127.0.0.1:4000\"",
                "ANTHROPIC_BASE_URL=http://127.0.0.1:4000", "ANTHROPIC_MODEL=smart",
                "./freeport explain <x-freeport-request-id> --demo", "Models: smart, cheap, balanced, auto, thrifty, embed",
                "Web console: http://127.0.0.1:4000/ui");
    }
}
