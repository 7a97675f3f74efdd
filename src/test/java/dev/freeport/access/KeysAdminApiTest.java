package dev.freeport.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.caller.Budget;
import dev.freeport.caller.Principal;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Virtual keys through the admin API of a real gateway with the embedded SQLite store. */
class KeysAdminApiTest {
    static final String ADMIN = "admin-secret-key";
    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final MovableClock clock = new MovableClock();
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logLines) {
                logLines.add(r.getMessage() + " " + (r.getThrown() == null ? "" : r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private TestGateway gw;

    @BeforeEach
    void start() {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("dev.freeport").setLevel(Level.ALL);
        gw = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").alias("smart", "sb/fast").alias("other", "sb/fast")
                .adminKey(ADMIN).requireKeys().keys().clock(clock).start();
    }

    @AfterEach
    void stop() {
        gw.close();
        Logger.getLogger("").removeHandler(capture);
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        return gw.call(method, path, json, "authorization", "Bearer " + ADMIN);
    }

    private JsonNode create(String json) {
        HttpResponse<String> r = admin("POST", "/admin/keys", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestGateway.json(r.body());
    }

    private int chat(String key, String model) {
        return gw.post("/v1/chat/completions", CHAT.formatted(model), "authorization", "Bearer " + key).statusCode();
    }

    @Test
    void createdKeyCallsTheGatewayAndItsPrefixReachesTheLedger() {
        JsonNode k = create("{\"name\":\"svc\",\"tags\":[\"a\",\"b\"]}");
        String secret = k.get("secret").asText();
        assertThat(secret).startsWith("fp-").hasSizeGreaterThanOrEqualTo(40);
        assertThat(k.get("prefix").asText()).isEqualTo(secret.substring(0, 11));
        assertThat(chat(secret, "cheap")).isEqualTo(200);
        var event = gw.onlyEvent();
        assertThat(event.caller()).isEqualTo(k.get("prefix").asText());
    }

    @Test
    void withRequireKeysAnonymousCallsAreRejectedBeforeAnyKeyExists() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT.formatted("cheap"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("missing_api_key");
    }

    @Test
    void revokedKeyGets401SayingRevoked() {
        JsonNode k = create("{}");
        String secret = k.get("secret").asText();
        assertThat(chat(secret, "cheap")).isEqualTo(200);
        assertThat(admin("DELETE", "/admin/keys/" + k.get("id").asText(), null).statusCode()).isEqualTo(200);
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT.formatted("cheap"), "authorization",
                "Bearer " + secret);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("revoked").contains("key_revoked").doesNotContain(secret);
    }

    @Test
    void revokedKeyOnTheAnthropicFrontGetsAnAnthropicShaped401() {
        JsonNode k = create("{}");
        String secret = k.get("secret").asText();
        admin("DELETE", "/admin/keys/" + k.get("id").asText(), null);
        HttpResponse<String> r = gw.post("/v1/messages", "{\"model\":\"cheap\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", secret,
                "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode body = TestGateway.json(r.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("error").get("type").asText()).isEqualTo("authentication_error");
        assertThat(r.body()).contains("revoked").doesNotContain(secret);
    }

    @Test
    void expiredKeyGets401SayingExpired() {
        String secret = create("{\"expires\":\"1h\"}").get("secret").asText();
        assertThat(chat(secret, "cheap")).isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT.formatted("cheap"), "x-api-key", secret);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("expired").contains("key_expired").doesNotContain(secret);
    }

    @Test
    void unknownKeyGets401WithoutEchoingIt() {
        create("{}");
        String wrong = "fp-thisIsNotAKeyThatExists0123456789abcdefghij";
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT.formatted("cheap"), "x-api-key", wrong);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Unknown API key").doesNotContain(wrong).doesNotContain("fp-thisIs");
    }

    @Test
    void rotatedKeyGetsANewSecretAndTheOldOneStops() {
        JsonNode k = create("{}");
        String old = k.get("secret").asText();
        HttpResponse<String> r = admin("POST", "/admin/keys/" + k.get("id").asText() + "/rotate", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String fresh = TestGateway.json(r.body()).get("secret").asText();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(chat(old, "cheap")).isEqualTo(401);
        assertThat(chat(fresh, "cheap")).isEqualTo(200);
    }

    @Test
    void keyLimitedToSomeModelsGets403OnOthers() {
        String secret = create("{\"models\":[\"cheap\",\"smart\"]}").get("secret").asText();
        assertThat(chat(secret, "smart")).isEqualTo(200);
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT.formatted("other"), "x-api-key", secret);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("model_not_allowed");
    }

    @Test
    void modelsListShowsOnlyAllowedAliases() {
        String secret = create("{\"models\":\"cheap\"}").get("secret").asText();
        JsonNode models = TestGateway.json(gw.get("/v1/models", "x-api-key", secret).body());
        List<String> ids = new ArrayList<>();
        models.get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("cheap");
    }

    @Test
    void updatePatchesOnlyTheGivenFieldsAndTakesEffect() {
        JsonNode k = create("{\"name\":\"n1\",\"rpm\":600,\"budget\":\"50usd/month\"}");
        String id = k.get("id").asText();
        HttpResponse<String> r = admin("PATCH", "/admin/keys/" + id, "{\"models\":[\"smart\"],\"rpm\":null}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode u = TestGateway.json(r.body());
        assertThat(u.get("name").asText()).isEqualTo("n1");
        assertThat(u.get("rpm").isNull()).isTrue();
        assertThat(u.get("budget").get("amount_usd").decimalValue()).isEqualByComparingTo("50");
        assertThat(u.get("budget").get("period").asText()).isEqualTo("month");
        assertThat(chat(k.get("secret").asText(), "cheap")).isEqualTo(403);
    }

    @Test
    void teamLimitsAndBudgetReachThePrincipal() {
        assertThat(admin("POST", "/admin/teams", "{\"name\":\"search\",\"rpm\":100,"
                + "\"budget\":{\"amount_usd\":20,\"period\":\"day\",\"hard\":false,\"alert_percents\":[80,50]}}")
                .statusCode()).isEqualTo(201);
        String secret = create("{\"team\":\"search\",\"tpm\":200000,\"budget\":\"50usd/month\",\"tags\":\"x\"}")
                .get("secret").asText();
        Principal p = gw.access().authenticator(null).authenticate(secret).await();
        assertThat(p.team()).isEqualTo("search");
        assertThat(p.tags()).containsExactly("x");
        assertThat(p.keyLimits().tpm()).isEqualTo(200_000L);
        assertThat(p.keyBudget()).isEqualTo(new Budget(50_000_000_000L, Budget.Period.MONTH, true, List.of()));
        assertThat(p.teamLimits().rpm()).isEqualTo(100);
        assertThat(p.teamBudget()).isEqualTo(new Budget(20_000_000_000L, Budget.Period.DAY, false, List.of(50, 80)));
        admin("PATCH", "/admin/teams/search", "{\"rpm\":5}");
        assertThat(gw.access().authenticator(null).authenticate(secret).await().teamLimits().rpm()).isEqualTo(5);
    }

    @Test
    void keyForUnknownTeamIs400NamingTeam() {
        HttpResponse<String> r = admin("POST", "/admin/keys", "{\"team\":\"nope\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(r.body()).get("error").get("param").asText()).isEqualTo("team");
    }

    @Test
    void badBudgetIs400NamingBudget() {
        HttpResponse<String> r = admin("POST", "/admin/keys", "{\"budget\":\"fifty/month\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(r.body()).get("error").get("param").asText()).isEqualTo("budget");
    }

    @Test
    void teamWithActiveKeysCannotBeDeleted() {
        admin("POST", "/admin/teams", "{\"name\":\"t1\"}");
        String id = create("{\"team\":\"t1\"}").get("id").asText();
        assertThat(admin("DELETE", "/admin/teams/t1", null).statusCode()).isEqualTo(409);
        admin("DELETE", "/admin/keys/" + id, null);
        assertThat(admin("DELETE", "/admin/teams/t1", null).statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/admin/teams/t1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void adminApiWithoutKeyIs401() {
        assertThat(gw.call("GET", "/admin/keys", null).statusCode()).isEqualTo(401);
    }

    @Test
    void adminApiWithWrongKeyIs401() {
        assertThat(gw.call("POST", "/admin/keys", "{}", "authorization", "Bearer nope").statusCode()).isEqualTo(401);
    }

    @Test
    void virtualKeyIsNotAnAdminKey() {
        String secret = create("{}").get("secret").asText();
        assertThat(gw.call("GET", "/admin/keys", null, "x-api-key", secret).statusCode()).isEqualTo(401);
    }

    @Test
    void openApiDescribesTheRoutes() {
        HttpResponse<String> r = admin("GET", "/admin/openapi.json", null);
        JsonNode doc = TestGateway.json(r.body());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.get("paths").has("/admin/keys/{id}/rotate")).isTrue();
        assertThat(doc.get("paths").has("/admin/teams/{name}")).isTrue();
    }

    @Test
    void secretIsNeverInRowsListsOrLogs() throws Exception {
        JsonNode k = create("{\"name\":\"svc\"}");
        String secret = k.get("secret").asText();
        String rotated = TestGateway.json(admin("POST", "/admin/keys/" + k.get("id").asText() + "/rotate", null)
                .body()).get("secret").asText();
        chat(secret, "cheap");
        chat(rotated, "cheap");
        chat(rotated, "other-unknown");
        String list = admin("GET", "/admin/keys", null).body() + admin("GET", "/admin/keys/" + k.get("id").asText(),
                null).body();
        StringBuilder rows = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gw.dataDir().resolve("access.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM access_keys")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    rows.append(rs.getString(i)).append('|');
                }
            }
        }
        assertThat(rows.toString()).contains(Secrets.hash(rotated)).contains(Secrets.prefix(rotated));
        String logs;
        synchronized (logLines) {
            logs = String.join("\n", logLines);
        }
        assertThat(logs).contains("key rotated: " + k.get("id").asText());
        for (String s : List.of(secret, rotated)) {
            assertThat(rows.toString()).doesNotContain(s);
            assertThat(list).doesNotContain(s);
            assertThat(logs).doesNotContain(s);
            assertThat(Files.readString(gw.dataDir().resolve("access.db"), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(s);
        }
    }
}
