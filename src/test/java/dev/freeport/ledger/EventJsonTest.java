package dev.freeport.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The event and decision that {@code freeport explain --json} and {@code /admin/requests/{id}} show. */
class EventJsonTest {

    private static UsageEvent withDecision(String decision) {
        UsageEvent e = Events.simple("req_explain", 0);
        return e.toBuilder(e.id()).facts(RequestFacts.NONE.withDecision(decision)).build();
    }

    @Test
    void theAttemptStoredWithoutItsTargetShowsTheChosenTargetFirst() {
        JsonNode d = EventJson.explain(withDecision("{\"strategy\":\"ordered\",\"chosen\":\"b/m\",\"attempts\":["
                + "{\"target\":\"a/m\",\"error\":\"503 server_error (busy)\",\"millis\":9},{\"millis\":4}]}"))
                .path("decision");
        assertThat(d.path("attempts").get(1).path("target").asText()).isEqualTo("b/m");
        assertThat(d.path("attempts").get(1).fieldNames()).toIterable().containsExactly("target", "millis");
        assertThat(d.path("attempts").get(0).path("target").asText()).isEqualTo("a/m");
    }

    @Test
    void aDecisionStoredWithEveryTargetShowsAsStored() {
        String stored = "{\"strategy\":\"ordered\",\"chosen\":\"b/m\",\"attempts\":[{\"target\":\"b/m\",\"millis\":4}]}";
        assertThat(EventJson.explain(withDecision(stored)).path("decision").toString()).isEqualTo(stored);
        assertThat(EventJson.explain(withDecision("not json")).path("decision").asText()).isEqualTo("not json");
        assertThat(EventJson.explain(withDecision(null)).path("decision").isNull()).isTrue();
    }
}
