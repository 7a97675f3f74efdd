package dev.freeport.cli;

import dev.freeport.adminlog.AdminLogModule;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.lab.LabModule;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport migrate canary} against a real gateway's admin API. */
class CanaryCommandTest {
    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.builder()
                .sandbox("sb", Map.of("big", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1),
                        "small", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("coder", "sb/big").alias("cheap", "sb/small").adminKey("adm")
                .module(AdminLogModule::open).module(LabModule::open).start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 6];
        all[0] = "migrate";
        all[1] = "canary";
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(new String[] {"--url", gw.base(), "--admin-key", "adm"}, 0, all, args.length + 2, 4);
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void startsPromotesAndRollsBackACanaryThroughTheAdminApi() {
        CliRun started = run("--alias", "coder", "--to", "cheap", "--share", "5%", "--min-requests", "50");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out()).contains("canary coder -> cheap: running at 5 %")
                .contains("after 50 canary requests in 10m").contains("--promote   (to 25 %)");

        assertThat(run("--alias", "coder", "--promote").out()).contains("running at 25 %");
        assertThat(run("--alias", "coder", "--promote", "--share", "100%").out()).contains("running at 100 %")
                .contains("To make it permanent").contains("sb/small");

        CliRun back = run("--alias", "coder", "--rollback", "--reason", "too slow on long prompts");
        assertThat(back.out()).contains("rolled back").contains("why: too slow on long prompts");
        assertThat(run("--alias", "coder").out()).contains("rolled back");
    }

    @Test
    void aRefusedStepSaysWhyAndExitsNonZero() {
        CliRun r = run("--alias", "coder", "--promote");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("No canary of 'coder' was ever started");
        assertThat(run("--alias", "coder", "--to", "cheap").err()).contains("--share is required");
    }
}
