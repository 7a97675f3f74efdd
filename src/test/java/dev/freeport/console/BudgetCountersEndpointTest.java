package dev.freeport.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.server.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /admin/limits/budgets: the budget counters' state, as the console's budgets page reads it. */
class BudgetCountersEndpointTest {
    private ConsoleGateway c;

    @BeforeEach
    void start() {
        c = new ConsoleGateway();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    @Test
    void theCountersHoldWhatAKeyAndItsTeamSpentThisPeriod() {
        assertThat(c.admin("POST", "/admin/teams", "{\"name\":\"search\",\"budget\":\"5usd/day\"}").statusCode())
                .isEqualTo(201);
        JsonNode key = TestGateway.json(c.admin("POST", "/admin/keys",
                "{\"name\":\"ci\",\"team\":\"search\",\"budget\":\"1usd/day\"}").body());
        c.ask(key.path("secret").asText());
        c.ask(key.path("secret").asText());
        long spent = c.gw.awaitEvents(2).stream().mapToLong(UsageEvent::costNanos).sum();
        assertThat(spent).isPositive();

        String path = "/admin/limits/budgets?lines=key:" + key.path("id").asText()
                + ":day,team:search:day,team:search:month";
        JsonNode data = settled(path);
        assertThat(data.get(0).path("spent_nanos").asLong()).isEqualTo(spent);
        assertThat(data.get(0).path("reserved_nanos").asLong()).isZero();
        assertThat(data.get(1).path("subject").asText()).isEqualTo("team:search");
        assertThat(data.get(1).path("spent_nanos").asLong()).isEqualTo(spent);
        assertThat(data.get(2).path("spent_nanos").asLong()).isZero();
    }

    /** The answer once no reservation is left (a request settles its budget just after its ledger event). */
    private JsonNode settled(String path) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            HttpResponse<String> r = c.admin("GET", path, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode data = TestGateway.json(r.body()).path("data");
            if (data.get(0).path("reserved_nanos").asLong() == 0 || System.nanoTime() > deadline) {
                return data;
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aMalformedLineIsA400NamingTheParameter() {
        for (String bad : new String[]{"key:k1", "user:x:day", "team:search:year", "key::day"}) {
            HttpResponse<String> r = c.admin("GET", "/admin/limits/budgets?lines=" + bad, null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestGateway.json(r.body()).path("error").path("param").asText()).isEqualTo("lines");
        }
    }
}
