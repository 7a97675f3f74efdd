package dev.freeport.cli;

import dev.freeport.access.AccessModule;
import dev.freeport.adminlog.AdminLogModule;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport admin-log} against a real gateway: the CLI's own changes, with the user who ran it. */
class AdminLogCommandTest {
    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").adminKey("adm")
                .module(AccessModule::open).module(AdminLogModule::open).start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--url", gw.base(), "--admin-key", "adm"}, 0, all, args.length, 4);
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute(all);
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void showsTheCliUsersChangeWithWhatChanged() throws InterruptedException {
        run("teams", "create", "ops", "--rpm", "50");
        run("teams", "update", "ops", "--rpm", "70");

        String log = "";
        for (int i = 0; i < 300 && !log.contains("PATCH"); i++) {
            Thread.sleep(10);
            log = run("admin-log", "--since", "1h");
        }
        assertThat(log).contains("PATCH /admin/teams/ops").contains("POST /admin/teams")
                .contains("admin key via cli:" + System.getProperty("user.name")).contains("rpm: 50 -> 70");
    }
}
