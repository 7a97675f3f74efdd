package dev.freeport.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.caller.Principal;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.json.Json;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.PostgresServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The key store on a real PostgreSQL: the same API, and revocation reaching another replica within a second. */
class PostgresKeysTest {
    private static PostgresServer pg;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        pg = PostgresServer.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
        pg.close();
    }

    private static StoreConfig store(String url) {
        return new StoreConfig(StoreConfig.Kind.POSTGRES, url, pg.user(), "", 4);
    }

    @Test
    void revocationOnOneReplicaStopsTheKeyOnAnotherWithinOneSecond() {
        String url = pg.newDatabase();
        try (AccessModule a = AccessModule.open(vertx, KeyStore.postgres(store(url)), Clock.systemUTC());
             AccessModule b = AccessModule.open(vertx, KeyStore.postgres(store(url)), Clock.systemUTC())) {
            AccessService.Issued issued = a.service().createKey(Json.NODES.objectNode().put("name", "r"));
            String secret = issued.secret();
            long seen = System.nanoTime();
            while (b.authenticator(null).authenticate(secret).failed() && System.nanoTime() - seen < 2e9) {
                Thread.onSpinWait();
            }
            assertThat(b.authenticator(null).authenticate(secret).succeeded()).as("replica b learns the key")
                    .isTrue();

            a.service().revokeKey(issued.key().id());
            long revoked = System.nanoTime();
            boolean rejected = false;
            while (System.nanoTime() - revoked < 3_000_000_000L) {
                var f = b.authenticator(null).authenticate(secret);
                if (f.failed()) {
                    rejected = f.cause().getMessage().contains("revoked");
                    break;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            long tookMs = (System.nanoTime() - revoked) / 1_000_000;
            assertThat(rejected).as("replica b rejects the revoked key").isTrue();
            assertThat(tookMs).as("milliseconds until replica b rejected it").isLessThan(1000);
        }
    }

    @Test
    void snapshotRefreshingDuringConcurrentWritesFromTwoReplicasMissesNone() throws Exception {
        String url = pg.newDatabase();
        try (KeyStore w1 = KeyStore.postgres(store(url)); KeyStore w2 = KeyStore.postgres(store(url));
             KeyStore reader = KeyStore.postgres(store(url))) {
            KeySnapshot snap = new KeySnapshot(reader);
            java.util.List<String> secrets = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Runnable writer1 = () -> write(w1, "a", secrets);
            Runnable writer2 = () -> write(w2, "b", secrets);
            Thread t1 = Thread.ofPlatform().start(writer1);
            Thread t2 = Thread.ofPlatform().start(writer2);
            while (t1.isAlive() || t2.isAlive()) {
                snap.refresh();
            }
            t1.join();
            t2.join();
            snap.refresh(); // one more pass: a missed write would never come back
            assertThat(secrets).hasSize(80);
            for (String s : secrets) {
                assertThat(snap.lookup(Secrets.hash(s))).as("key with prefix " + Secrets.prefix(s)).isNotNull();
            }
        }
    }

    private static void write(KeyStore store, String tag, java.util.List<String> secrets) {
        for (int i = 0; i < 40; i++) {
            String secret = Secrets.newSecret();
            store.saveKey(KeyStoreTest.key("key_" + tag + i, secret));
            secrets.add(secret);
        }
    }

    @Test
    void secondReplicaFindsTheSchemaAlreadyMigrated() {
        String url = pg.newDatabase();
        try (KeyStore one = KeyStore.postgres(store(url)); KeyStore two = KeyStore.postgres(store(url))) {
            assertThat(one.changesSince(0).version()).isEqualTo(two.changesSince(0).version());
        }
    }

    @Test
    void adminApiWorksOnPostgresAndStoresOnlyTheHash() throws Exception {
        String url = pg.newDatabase();
        try (TestGateway gw = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").adminKey("adm").keys(dir -> KeyStore.postgres(store(url))).start()) {
            assertThat(gw.call("POST", "/admin/teams", "{\"name\":\"search\",\"budget\":\"10usd/day\"}",
                    "x-api-key", "adm").statusCode()).isEqualTo(201);
            var r = gw.call("POST", "/admin/keys", "{\"team\":\"search\",\"budget\":\"50usd/month\",\"rpm\":600,"
                    + "\"tpm\":200000,\"models\":[\"cheap\"],\"expires\":\"30d\"}", "x-api-key", "adm");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode k = TestGateway.json(r.body());
            String secret = k.get("secret").asText();
            assertThat(gw.post("/v1/chat/completions", "{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}]}", "x-api-key", secret).statusCode()).isEqualTo(200);
            StringBuilder rows = new StringBuilder();
            try (Connection c = DriverManager.getConnection(url, pg.user(), "");
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM access_keys")) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        rows.append(rs.getString(i)).append('|');
                    }
                }
            }
            assertThat(rows.toString()).contains(Secrets.hash(secret)).contains("search").doesNotContain(secret);
        }
    }

    @Test
    void keyAndTeamRulesRoundTripOnPostgres() {
        String url = pg.newDatabase();
        try (KeyStore s = KeyStore.postgres(store(url))) {
            Team team = s.saveTeam(KeyRulesStoreTest.team("search", KeyRulesStoreTest.TEAM_RULES, "internal"));
            String secret = Secrets.newSecret();
            VirtualKey key = s.saveKey(KeyRulesStoreTest.key("key_a", secret, "search", KeyRulesStoreTest.KEY_RULES,
                    "confidential"));
            assertThat(s.team("search")).contains(team);
            assertThat(s.key("key_a")).contains(key);
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            Principal p = snap.lookup(Secrets.hash(secret)).principal();
            assertThat(p.keyRules()).isEqualTo(KeyRulesStoreTest.KEY_RULES);
            assertThat(p.teamRules()).isEqualTo(KeyRulesStoreTest.TEAM_RULES);
            assertThat(p.dataClass()).isEqualTo("confidential");
        }
    }

    @Test
    void keyWrittenUnderSchemaVersionOneStillAuthenticatesAfterMigrationOnPostgres() throws Exception {
        String url = pg.newDatabase();
        String secret = Secrets.newSecret();
        try (Connection c = DriverManager.getConnection(url, pg.user(), "")) {
            KeyRulesStoreTest.writeVersionOneKey(c, "key_old", secret);
        }
        try (KeyStore s = KeyStore.postgres(store(url))) {
            assertThat(s.key("key_old").orElseThrow().rules()).isEqualTo(dev.freeport.route.VendorRules.NONE);
            KeySnapshot snap = new KeySnapshot(s);
            snap.refresh();
            Principal p = snap.lookup(Secrets.hash(secret)).principal();
            assertThat(p.keyId()).isEqualTo("key_old");
            assertThat(p.keyRules().isEmpty()).isTrue();
            assertThat(p.dataClass()).isNull();
        }
    }
}
