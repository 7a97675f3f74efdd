package dev.freeport.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET/POST /admin/vendors over HTTP on a real gateway, its switches in an embedded SQLite store. */
class VendorAdminApiTest {
    private static final String ADMIN = "adm-key";

    @TempDir
    Path dir;

    private TestGateway gw;
    private VendorsModule vendors;

    @BeforeEach
    void start() {
        gw = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").masterKey("master-key").adminKey(ADMIN)
                .modules(vx -> {
                    vendors = VendorsModule.open(vx, VendorSwitchStore.sqlite(dir), VendorSwitchBoard.REFRESH_EVERY);
                    return List.of(vendors);
                }).start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        return gw.call(method, path, json, "authorization", "Bearer " + ADMIN);
    }

    @Test
    void listIsEmptyBeforeAnySwitch() {
        HttpResponse<String> r = admin("GET", "/admin/vendors", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestGateway.json(r.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data")).isEmpty();
    }

    @Test
    void disableWithReasonTurnsTheVendorOffForTheRouterAndIsListed() {
        HttpResponse<String> r = admin("POST", "/admin/vendors/DeepSeek/disable", "{\"reason\":\"data residency\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode one = TestGateway.json(r.body());
        assertThat(one.get("vendor").asText()).isEqualTo("deepseek");
        assertThat(one.get("status").asText()).isEqualTo("disabled");
        assertThat(one.get("enabled").asBoolean()).isFalse();
        assertThat(one.get("by").asText()).startsWith("admin-api@");
        assertThat(vendors.disabled("deepseek").reason()).isEqualTo("data residency");

        JsonNode list = TestGateway.json(admin("GET", "/admin/vendors", null).body());
        assertThat(list.get("data")).hasSize(1);
        JsonNode row = list.get("data").get(0);
        assertThat(row.get("vendor").asText()).isEqualTo("deepseek");
        assertThat(row.get("reason").asText()).isEqualTo("data residency");
        assertThat(row.get("since").asText()).isEqualTo(one.get("since").asText());
    }

    @Test
    void disableWithoutBodyWorks() {
        HttpResponse<String> r = admin("POST", "/admin/vendors/openai/disable", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).get("reason").isNull()).isTrue();
        assertThat(vendors.disabled("openai")).isNotNull();
    }

    @Test
    void enableTurnsItBackOnAndTheListShowsItEnabled() {
        admin("POST", "/admin/vendors/qwen/disable", null);
        HttpResponse<String> r = admin("POST", "/admin/vendors/qwen/enable", "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).get("status").asText()).isEqualTo("enabled");
        assertThat(vendors.disabled("qwen")).isNull();
        JsonNode row = TestGateway.json(admin("GET", "/admin/vendors", null).body()).get("data").get(0);
        assertThat(row.get("enabled").asBoolean()).isTrue();
    }

    @Test
    void getOneVendorNeverSwitchedIsEnabled() {
        HttpResponse<String> r = admin("GET", "/admin/vendors/mistral", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).get("status").asText()).isEqualTo("enabled");
    }

    @Test
    void invalidVendorNameIs400() {
        HttpResponse<String> r = admin("POST", "/admin/vendors/bad%20name/disable", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(r.body()).at("/error/param").asText()).isEqualTo("vendor");
        assertThat(admin("POST", "/admin/vendors/" + "x".repeat(65) + "/disable", null).statusCode()).isEqualTo(400);
    }

    @Test
    void reasonThatIsNotAStringOrBodyThatIsNotJsonIs400() {
        assertThat(admin("POST", "/admin/vendors/openai/disable", "{\"reason\":5}").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/admin/vendors/openai/disable", "not json").statusCode()).isEqualTo(400);
        assertThat(vendors.disabled("openai")).isNull();
    }

    @Test
    void unknownVendorPathsAre404() {
        HttpResponse<String> r = admin("POST", "/admin/vendors/openai/explode", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("unknown_url");
        assertThat(admin("GET", "/admin/vendors/openai/disable/now", null).statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405() {
        HttpResponse<String> r = admin("GET", "/admin/vendors/openai/disable", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("POST");
        assertThat(admin("DELETE", "/admin/vendors", null).statusCode()).isEqualTo(405);
    }

    @Test
    void withoutTheAdminKeyItIs401AndNothingChanges() {
        HttpResponse<String> none = gw.call("POST", "/admin/vendors/openai/disable", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("missing_api_key");
        HttpResponse<String> master = gw.call("POST", "/admin/vendors/openai/disable", null,
                "authorization", "Bearer master-key");
        assertThat(master.statusCode()).isEqualTo(401);
        assertThat(gw.get("/admin/vendors").statusCode()).isEqualTo(401);
        assertThat(vendors.disabled("openai")).isNull();
    }

    @Test
    void theAdminOpenApiDocumentListsTheVendorRoutes() throws Exception {
        try (var in = dev.freeport.access.AdminApi.class.getResourceAsStream("openapi.json")) {
            JsonNode paths = TestGateway.json(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .get("paths");
            assertThat(paths.has("/admin/vendors")).isTrue();
            assertThat(paths.get("/admin/vendors/{name}/disable").has("post")).isTrue();
            assertThat(paths.get("/admin/vendors/{name}/enable").has("post")).isTrue();
        }
    }
}
