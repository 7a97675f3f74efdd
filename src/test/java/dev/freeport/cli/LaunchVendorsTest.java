package dev.freeport.cli;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import dev.freeport.server.TestGateway;
import dev.freeport.vendors.VendorSwitchStore;
import dev.freeport.vendors.VendorsModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway as {@code freeport serve} builds it carries the kill switch: router lookup and admin endpoints. */
class LaunchVendorsTest {
    @TempDir
    Path dir;

    @Test
    void servedGatewayHasTheVendorSwitchesAndTheirAdminApiNextToKeys() throws Exception {
        FreeportConfig cfg = TestGateway.builder()
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("cheap", "sb/fast").adminKey("adm").config(dir);
        VendorsModule[] vendors = new VendorsModule[1];
        Gateway g = Gateway.start(cfg, null, JournaledLedger.open(cfg.ledger(), cfg.store()), vx -> {
            var modules = Launch.modules(vx, cfg);
            vendors[0] = modules.stream().filter(VendorsModule.class::isInstance).map(VendorsModule.class::cast)
                    .findFirst().orElseThrow();
            return modules;
        });
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port()
                    + "/admin/vendors/deepseek/disable")).header("authorization", "Bearer adm")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"test\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(vendors[0].disabled("deepseek")).isNotNull();
            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port()
                    + "/admin/keys")).header("authorization", "Bearer adm").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(keys.statusCode()).isEqualTo(200);
        } finally {
            g.close();
        }
        try (VendorSwitchStore s = VendorSwitchStore.sqlite(dir)) {
            assertThat(s.all()).singleElement().satisfies(w -> assertThat(w.reason()).isEqualTo("test"));
        }
    }
}
