package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.SandboxModelConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what when no key is configured: admin calls beyond loopback need a key (a reverse proxy on the same
 * host makes every caller look local), and whether /v1 needs a key is server.require_keys, not the first virtual
 * key's creation.
 */
class ExposureTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private TestGateway gw;

    private static TestGateway.Builder sandbox() {
        return TestGateway.builder().sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8,
                1))).alias("m", "sb/fast");
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aLoopbackPeerWithoutAKeyIsRefusedAdminWhenTheGatewayListensBeyondLoopback() {
        gw = sandbox().host("0.0.0.0").start();
        HttpResponse<String> r = gw.get("/admin/audit");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(r.body()).path("error").path("message").asText())
                .contains("beyond loopback").contains("server.admin_key");
    }

    @Test
    void aLoopbackPeerWithoutAKeyMayStillUseAdminOnALoopbackGateway() {
        gw = sandbox().start();
        assertThat(gw.get("/admin/audit").statusCode()).isEqualTo(200);
    }

    @Test
    void creatingTheFirstVirtualKeyLeavesAnOpenGatewayOpenAndSaysSo() {
        gw = sandbox().keys().start();
        HttpResponse<String> created = gw.call("POST", "/admin/keys", "{\"name\":\"svc\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = TestGateway.json(created.body());
        assertThat(key.path("open_gateway").asText()).contains("server.require_keys: true");
        assertThat(gw.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + key.path("secret").asText())
                .statusCode()).isEqualTo(200);
        assertThat(gw.awaitEvents(2)).extracting(e -> e.caller())
                .containsExactly("anonymous", key.path("prefix").asText());
    }

    @Test
    void requireKeysRefusesCallersWithoutAKeyEvenBeforeAnyKeyExists() {
        gw = sandbox().keys().requireKeys().start();
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("missing_api_key");
    }

    @Test
    void aPageOfAnotherSiteCannotDriveTheKeylessAdminDoorOfALoopbackGateway() {
        gw = sandbox().start();
        HttpResponse<String> crossSite = gw.post("/admin/reload", "{}", "origin", "http://evil.example",
                "sec-fetch-site", "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("another site");
        assertThat(gw.post("/admin/reload", "{}", "origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(gw.get("/admin/audit", "origin", gw.base(), "sec-fetch-site", "same-origin").statusCode())
                .isEqualTo(200);
    }
}
