package dev.freeport.cli;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Principal;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.route.Trust;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys and teams commands, run in-process against a real gateway's admin API. */
class KeysCommandTest {
    private static final Pattern SECRET = Pattern.compile("secret: (fp-\\S+)");
    private static final Pattern ID = Pattern.compile("(key_\\w+)");
    private TestGateway gw;

    /** What one command printed, and its exit code. */
    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() {
        gw = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").alias("smart", "sb/fast").alias("big", "sb/fast")
                .adminKey("adm").keys().start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", gw.base(), "--admin-key", "adm"));
        return runRaw(all.toArray(String[]::new));
    }

    private static Run runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void createPrintsTheSecretOnceWithAWarningAndItWorks() {
        assertThat(run("teams", "create", "search", "--budget", "100usd/month").code()).isZero();
        Run r = run("keys", "create", "--team", "search", "--budget", "50usd/month", "--rpm", "600", "--tpm",
                "200000", "--models", "cheap,smart", "--expires", "30d", "--tags", "a,b", "--name", "svc", "--soft");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("WARNING").contains("shown only once");
        String secret = group(SECRET, r.out());
        Principal p = gw.access().authenticator(null, true).authenticate(secret).await();
        assertThat(p.team()).isEqualTo("search");
        assertThat(p.allowedModels()).containsExactlyInAnyOrder("cheap", "smart");
        assertThat(p.keyLimits().rpm()).isEqualTo(600);
        assertThat(p.keyBudget()).isEqualTo(new Budget(50_000_000_000L, Budget.Period.MONTH, false, List.of()));
        assertThat(p.teamBudget().limitNanos()).isEqualTo(100_000_000_000L);
        assertThat(p.tags()).containsExactly("a", "b");
    }

    @Test
    void listShowsPrefixesButNeverSecrets() {
        String secret = group(SECRET, run("keys", "create", "--name", "one").out());
        Run list = run("keys", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains(secret.substring(0, 11)).contains("one").doesNotContain(secret);
    }

    @Test
    void rotateThenRevokeEndTheKeys() {
        Run created = run("keys", "create");
        String id = group(ID, created.out());
        String first = group(SECRET, created.out());
        Run rotated = run("keys", "rotate", id);
        String second = group(SECRET, rotated.out());
        assertThat(gw.access().authenticator(null, true).authenticate(first).failed()).isTrue();
        assertThat(gw.access().authenticator(null, true).authenticate(second).succeeded()).isTrue();
        Run revoked = run("keys", "revoke", id);
        assertThat(revoked.out()).contains("revoked").doesNotContain(second);
        assertThat(gw.access().authenticator(null, true).authenticate(second).failed()).isTrue();
    }

    @Test
    void updateChangesOnlyTheGivenOptions() {
        Run created = run("keys", "create", "--rpm", "10", "--models", "cheap");
        String id = group(ID, created.out());
        String secret = group(SECRET, created.out());
        assertThat(run("keys", "update", id, "--tpm", "5000").code()).isZero();
        Principal p = gw.access().authenticator(null, true).authenticate(secret).await();
        assertThat(p.keyLimits().rpm()).isEqualTo(10);
        assertThat(p.keyLimits().tpm()).isEqualTo(5000L);
        assertThat(p.allowedModels()).containsExactly("cheap");
    }

    @Test
    void teamsListUpdateAndDelete() {
        run("teams", "create", "ops", "--rpm", "50");
        assertThat(run("teams", "update", "ops", "--rpm", "70").out()).contains("70");
        assertThat(run("teams", "list").out()).contains("ops").contains("70");
        assertThat(run("teams", "delete", "ops").code()).isZero();
        assertThat(run("teams", "list").out()).doesNotContain("ops");
    }

    @Test
    void wrongAdminKeyFailsWithTheGatewaysMessage() {
        Run r = runRaw("keys", "list", "--url", gw.base(), "--admin-key", "nope");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Incorrect API key").contains("401");
    }

    @Test
    void badBudgetIsRejectedNamingTheOption() {
        Run r = run("keys", "create", "--budget", "lots");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--budget");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : List.of(new String[]{"keys", "create"}, new String[]{"keys", "list"},
                new String[]{"keys", "show"},
                new String[]{"keys", "update"}, new String[]{"keys", "rotate"}, new String[]{"keys", "revoke"},
                new String[]{"teams", "create"}, new String[]{"teams", "list"}, new String[]{"teams", "update"},
                new String[]{"teams", "delete"})) {
            Run r = runRaw(cmd[0], cmd[1], "--help");
            assertThat(r.code()).as(String.join(" ", cmd)).isZero();
            assertThat(r.out()).contains("--admin-key").contains("--url");
        }
    }

    @Test
    void ruleFlagsOnKeysAndTeamsReachThePrincipal() {
        Run team = run("teams", "create", "ops", "--deny-vendor", "xai", "--allow-trust", "self-hosted",
                "--data-class", "internal");
        assertThat(team.code()).as(team.err()).isZero();
        Run r = run("keys", "create", "--team", "ops", "--allow-vendor", "openai", "--allow-vendor", "Mistral",
                "--deny-vendor", "deepseek", "--allow-jurisdiction", "eu,de", "--deny-jurisdiction", "cn",
                "--allow-trust", "self-hosted,contracted", "--data-class", "confidential");
        assertThat(r.code()).as(r.err()).isZero();
        Principal p = gw.access().authenticator(null, true).authenticate(group(SECRET, r.out())).await();
        assertThat(p.keyRules().allowVendors()).containsExactlyInAnyOrder("openai", "mistral");
        assertThat(p.keyRules().denyVendors()).containsExactly("deepseek");
        assertThat(p.keyRules().allowJurisdictions()).containsExactlyInAnyOrder("EU", "DE");
        assertThat(p.keyRules().denyJurisdictions()).containsExactly("CN");
        assertThat(p.keyRules().allowTrust()).containsExactlyInAnyOrder(Trust.SELF_HOSTED, Trust.CONTRACTED);
        assertThat(p.dataClass()).isEqualTo("confidential");
        assertThat(p.teamRules().denyVendors()).containsExactly("xai");
        assertThat(p.teamRules().allowTrust()).containsExactly(Trust.SELF_HOSTED);
    }

    @Test
    void listAndShowDisplayRulesCompactly() {
        Run created = run("keys", "create", "--allow-vendor", "openai,mistral", "--deny-jurisdiction", "CN",
                "--allow-trust", "contracted", "--data-class", "pii");
        String id = group(ID, created.out());
        String compact = "vendors:mistral,openai !where:CN trust:contracted class:pii";
        assertThat(created.out()).contains(compact);
        assertThat(run("keys", "list").out()).contains("RULES").contains(compact);
        Run show = run("keys", "show", id);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains(id).contains(compact);
        run("teams", "create", "ops", "--deny-vendor", "xai");
        assertThat(run("teams", "list").out()).contains("!vendors:xai");
    }

    @Test
    void updateWithNoneClearsRulesAndOtherRulesStay() {
        Run created = run("keys", "create", "--allow-vendor", "openai", "--deny-vendor", "xai", "--data-class",
                "pii");
        String id = group(ID, created.out());
        String secret = group(SECRET, created.out());
        Run u = run("keys", "update", id, "--allow-vendor", "none", "--data-class", "none");
        assertThat(u.code()).as(u.err()).isZero();
        Principal p = gw.access().authenticator(null, true).authenticate(secret).await();
        assertThat(p.keyRules().allowVendors()).isEmpty();
        assertThat(p.keyRules().denyVendors()).containsExactly("xai");
        assertThat(p.dataClass()).isNull();
    }

    @Test
    void teamUpdateRuleFlagsReachExistingKeys() {
        run("teams", "create", "ops");
        String secret = group(SECRET, run("keys", "create", "--team", "ops").out());
        assertThat(run("teams", "update", "ops", "--allow-jurisdiction", "EU", "--data-class", "internal").code())
                .isZero();
        Principal p = gw.access().authenticator(null, true).authenticate(secret).await();
        assertThat(p.teamRules().allowJurisdictions()).containsExactly("EU");
        assertThat(p.dataClass()).isEqualTo("internal");
    }

    @Test
    void unknownTrustFlagFailsNamingTheFieldAndTheValidLevels() {
        Run r = run("keys", "create", "--allow-trust", "trusted");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("allow_trust").contains("self-hosted, contracted, public");
    }
}
