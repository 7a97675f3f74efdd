package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to /admin/migrate gets a clear error in OpenAI's shape with the right status, never a 500. */
class LabAdminTest {
    TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.fromYamlWithConfig("""
                providers:
                  sb: { type: sandbox, models: { fast-sim: {} } }
                models:
                  - name: coder
                    targets: [ sb/fast-sim ]
                """, (vx, cfg) -> List.of(LabModule.open(vx, cfg)));
    }

    @AfterEach
    void close() {
        gw.close();
    }

    static JsonNode error(HttpResponse<String> r) {
        return TestGateway.json(r.body()).path("error");
    }

    @Test
    void aReportWithoutAnAliasIsA400NamingTheParameter() {
        HttpResponse<String> r = gw.get("/admin/migrate/report");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).path("param").asText()).isEqualTo("alias");
        assertThat(error(r).path("message").asText()).contains("alias is required");
    }

    @Test
    void aBadSinceIsA400() {
        HttpResponse<String> r = gw.get("/admin/migrate/report?alias=coder&since=forever");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).path("param").asText()).isEqualTo("since");
    }

    @Test
    void anAliasWithoutResultsHasAnEmptyReport() {
        HttpResponse<String> r = gw.get("/admin/migrate/report?alias=coder");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(r.body()).path("candidates").isEmpty()).isTrue();
    }

    @Test
    void anUnknownPathOrMethodIsA404Or405() {
        assertThat(gw.get("/admin/migrate/nope").statusCode()).isEqualTo(404);
        assertThat(gw.post("/admin/migrate/report?alias=coder", "{}").statusCode()).isEqualTo(405);
    }
}
