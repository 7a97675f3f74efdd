package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /admin/requests/{id}: a request's event and routing decision over the admin API. */
class RequestsAdminTest {
    static final String ADMIN = "adm-key";
    FakeUpstream a;
    FakeUpstream b;
    TestGateway gw;

    @BeforeEach
    void start() {
        a = FakeUpstream.start();
        b = FakeUpstream.start();
        gw = TestGateway.builder().openai("pa", a.baseUrl()).openai("pb", b.baseUrl()).alias("m", "pa/x", "pb/y")
                .adminKey(ADMIN).start();
    }

    @AfterEach
    void stop() {
        gw.close();
        a.close();
        b.close();
    }

    HttpResponse<String> admin(String method, String path) {
        return gw.call(method, path, null, "authorization", "Bearer " + ADMIN);
    }

    @Test
    void answersTheEventAndItsDecision() {
        a.setDefault(Reply.status(503));
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}");
        String id = r.headers().firstValue("x-freeport-request-id").orElseThrow();
        HttpResponse<String> ex = admin("GET", "/admin/requests/" + id);
        assertThat(ex.statusCode()).as(ex.body()).isEqualTo(200);
        JsonNode j = TestGateway.json(ex.body());
        assertThat(j.path("event").path("id").asText()).isEqualTo(id);
        assertThat(j.path("event").path("attempts").asInt()).isEqualTo(2);
        assertThat(j.path("decision").path("strategy").asText()).isEqualTo("ordered");
        assertThat(j.path("decision").path("chosen").asText()).isEqualTo("pb/y");
    }

    @Test
    void unknownIdIs404BadIdIs400WrongMethodIs405AndNoKeyIs401() {
        assertThat(admin("GET", "/admin/requests/req_nothere").statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/admin/requests/a%20b").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/admin/requests/req_x").statusCode()).isEqualTo(405);
        assertThat(gw.get("/admin/requests/req_x").statusCode()).isEqualTo(401);
    }
}
