package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keys and teams find the gateway and its admin key the way a user expects (flags, env, then the config) and fail
 * with words that say what to do; run in-process against a real gateway.
 */
class AdminCommandsTest {
    @TempDir
    Path tmp;
    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").alias("smart", "sb/fast").adminKey("adm").keys().start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private int port() {
        return Integer.parseInt(gw.base().substring(gw.base().lastIndexOf(':') + 1));
    }

    /** The gateway's config as an operator would have it next to them: its port, its admin key, its aliases. */
    private void writeGatewayConfig(String file) throws Exception {
        Files.writeString(tmp.resolve(file), """
                server: { port: %d, admin_key: "${ADMIN}" }
                providers:
                  sb: { type: sandbox, models: { fast: { ttft: 0ms } } }
                models:
                  - { name: cheap, targets: [ sb/fast ] }
                  - { name: smart, targets: [ sb/fast ] }
                """.formatted(port()));
    }

    @Test
    void urlAndAdminKeyComeFromDotFreeportYaml() throws Exception {
        writeGatewayConfig("freeport.yaml");

        CliRun r = CliRun.in(tmp, Map.of("ADMIN", "adm"), "teams", "list");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("NAME");
    }

    @Test
    void urlAndKeyComeFromFreeportUrlAndFreeportMasterKey() {
        CliRun r = CliRun.in(tmp, Map.of("FREEPORT_URL", gw.base(), "FREEPORT_MASTER_KEY", "adm"), "keys", "list");

        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void aGatewayThatIsNotRunningIsNamedWithWhatToDo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        CliRun r = CliRun.in(tmp, Map.of(), "keys", "list", "--url", "http://127.0.0.1:" + closed);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("freeport keys list: cannot reach http://127.0.0.1:" + closed
                + ": connection refused — is `freeport serve` running there? use --url").doesNotContain("null");
    }

    @Test
    void aMissingAdminKeyNamesTheFlagAndTheEnvironmentVariables() {
        CliRun r = CliRun.in(tmp, Map.of(), "keys", "list", "--url", gw.base());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("needs an admin key: pass --admin-key KEY, or set FREEPORT_ADMIN_KEY"
                + " (FREEPORT_MASTER_KEY works too)");
    }

    @Test
    void aWrongAdminKeySaysWhereItCameFrom() {
        CliRun r = CliRun.in(tmp, Map.of("FREEPORT_ADMIN_KEY", "nope"), "keys", "list", "--url", gw.base());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("refused the admin key from FREEPORT_ADMIN_KEY", "401");
    }

    @Test
    void modelsOutsideTheConfigsAliasesAreRefusedBeforeAnythingIsCreated() throws Exception {
        writeGatewayConfig("gw.yaml");

        CliRun r = CliRun.in(tmp, Map.of("ADMIN", "adm"), "keys", "create", "--models", "cheap,chepa",
                "--config", "gw.yaml");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--models: no alias \"chepa\" in gw.yaml (its aliases: cheap, smart)",
                "did you mean \"cheap\"?");
        assertThat(TestGateway.json(gw.get("/admin/keys", "authorization", "Bearer adm").body()).path("data"))
                .isEmpty();
    }

    @Test
    void expiresTakesTheDurationsOfEveryOtherOption() {
        CliRun r = CliRun.in(tmp, Map.of(), "keys", "create", "--expires", "1.5h", "--json", "--url", gw.base(),
                "--admin-key", "adm");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode key = TestGateway.json(r.out());
        Instant expires = Instant.parse(key.path("expires_at").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(85), Duration.ofMinutes(91));
    }
}
