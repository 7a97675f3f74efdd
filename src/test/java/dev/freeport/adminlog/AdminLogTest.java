package dev.freeport.adminlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.access.AccessModule;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.PostgresServer;
import dev.freeport.vendors.VendorsModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every admin change lands in the audit log with who, when, what, from where, before and after; secrets never. */
class AdminLogTest {
    static final String ADMIN = "adm-key-7f3k";
    TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
    }

    static TestGateway gateway(StoreConfig store) {
        TestGateway.Builder b = TestGateway.builder().adminKey(ADMIN)
                .sandbox("sandbox", Map.of("sim", new SandboxModelConfig(0, 0, 16, 0, 0, 0, 8, 1)))
                .alias("sim", "sandbox/sim")
                .module(AccessModule::open).module(VendorsModule::open).module(AdminLogModule::open);
        return (store == null ? b : b.store(store)).start();
    }

    static HttpResponse<String> admin(TestGateway g, String method, String path, String body, String... more) {
        String[] headers = new String[2 + more.length];
        headers[0] = "authorization";
        headers[1] = "Bearer " + ADMIN;
        System.arraycopy(more, 0, headers, 2, more.length);
        return g.call(method, path, body, headers);
    }

    /** The log once it holds {@code n} entries (they are written off the request path). */
    static JsonNode awaitLog(TestGateway g, int n) throws InterruptedException {
        JsonNode data = null;
        for (int i = 0; i < 300; i++) {
            data = TestGateway.json(admin(g, "GET", "/admin/log", null).body()).path("data");
            if (data.size() >= n) {
                return data;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the admin log holds " + (data == null ? 0 : data.size()) + " entries, not " + n);
    }

    @Test
    void aChangeIsLoggedWithWhoWhatFromWhereAndTheStateBeforeAndAfter() throws Exception {
        gw = gateway(null);
        String id = TestGateway.json(admin(gw, "POST", "/admin/keys", "{\"name\":\"ci\"}").body()).path("id").asText();
        assertThat(admin(gw, "PATCH", "/admin/keys/" + id, "{\"budget\":\"50usd/month\"}").statusCode())
                .isEqualTo(200);

        JsonNode latest = awaitLog(gw, 2).get(0);
        assertThat(latest.path("who").asText()).isEqualTo("admin key");
        assertThat(latest.path("from").asText()).isEqualTo("127.0.0.1");
        assertThat(latest.path("method").asText() + " " + latest.path("path").asText())
                .isEqualTo("PATCH /admin/keys/" + id);
        assertThat(latest.path("status").asInt()).isEqualTo(200);
        assertThat(latest.path("before").path("budget").isNull()).isTrue();
        assertThat(latest.path("after").path("budget").path("amount_usd").asText()).isEqualTo("50");
        assertThat(latest.path("time").asText()).endsWith("Z");
    }

    @Test
    void anIssuedSecretNeverReachesTheLog() throws Exception {
        gw = gateway(null);
        String secret = TestGateway.json(admin(gw, "POST", "/admin/keys", "{\"name\":\"ci\"}").body())
                .path("secret").asText();
        assertThat(secret).startsWith("fp-");

        JsonNode created = awaitLog(gw, 1).get(0);
        assertThat(created.path("after").path("name").asText()).isEqualTo("ci");
        assertThat(admin(gw, "GET", "/admin/log", null).body()).doesNotContain(secret).doesNotContain(ADMIN);
    }

    @Test
    void aVendorSwitchIsLoggedWithItsStateBeforeAndTheCliUserIsNamed() throws Exception {
        gw = gateway(null);
        admin(gw, "POST", "/admin/vendors/deepseek/disable", "{\"reason\":\"outage\"}",
                "x-freeport-cli-user", "alice");

        JsonNode e = awaitLog(gw, 1).get(0);
        assertThat(e.path("who").asText()).isEqualTo("admin key via cli:alice");
        assertThat(e.path("before").path("status").asText()).isEqualTo("enabled");
        assertThat(e.path("after").path("status").asText()).isEqualTo("disabled");
    }

    @Test
    void aRefusedChangeIsLoggedWithItsErrorAndReadsAreNot() throws Exception {
        gw = gateway(null);
        admin(gw, "GET", "/admin/keys", null);
        admin(gw, "PATCH", "/admin/keys/k_nope", "{\"name\":\"x\"}");

        JsonNode log = awaitLog(gw, 1);
        Thread.sleep(100);
        log = awaitLog(gw, 1);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("status").asInt()).isEqualTo(404);
        assertThat(log.get(0).path("error").asText()).isNotEmpty();
    }

    @Test
    void aSignalReloadIsLoggedAlsoWhenRefused() throws Exception {
        gw = gateway(null); // started without a config file: the reload is refused
        gw.gateway().reloadBySignal().toCompletionStage().exceptionally(e -> null).toCompletableFuture().get();

        JsonNode e = awaitLog(gw, 1).get(0);
        assertThat(e.path("who").asText()).isEqualTo("signal SIGHUP");
        assertThat(e.path("method").asText()).isEqualTo("SIGNAL");
        assertThat(e.path("status").asInt()).isEqualTo(400);
        assertThat(e.path("error").asText()).contains("without a config file");
    }

    @Test
    void replicasOnOnePostgresqlShareOneLog() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            StoreConfig store = new StoreConfig(StoreConfig.Kind.POSTGRES, pg.newDatabase(), pg.user(), null, 4);
            try (TestGateway a = gateway(store); TestGateway b = gateway(store)) {
                admin(a, "POST", "/admin/teams", "{\"name\":\"search\"}");
                admin(b, "POST", "/admin/vendors/qwen/disable", "{}");

                JsonNode seenByA = awaitLog(a, 2);
                JsonNode seenByB = awaitLog(b, 2);
                assertThat(seenByA).isEqualTo(seenByB);
                assertThat(seenByB.get(1).path("path").asText()).isEqualTo("/admin/teams");
                assertThat(seenByA.get(0).path("path").asText()).isEqualTo("/admin/vendors/qwen/disable");
            }
        }
    }
}
