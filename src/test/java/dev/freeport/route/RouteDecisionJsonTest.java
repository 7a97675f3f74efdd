package dev.freeport.route;

import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteDecisionJsonTest {

    @Test
    void theHandWrittenJsonIsWhatDatabindWritesAndReadsBack() throws Exception {
        RouteDecision full = new RouteDecision("complexity", "confidential",
                new RouteDecision.Complexity(0.61, 0.5, true, "minilm-l6-v2+features"),
                List.of(new RouteDecision.Candidate("a/m1", "openai", 1, null, "est. $0.000120"),
                        new RouteDecision.Candidate("b/m2", "deepseek", null, "data class: \"x\"\n", null)),
                "a/m1", "concentration cap: openai at 62% > 50%",
                List.of(new RouteDecision.Tried("b/m2", "503 server_error (overloaded)", 812),
                        new RouteDecision.Tried("a/m1", null, 40)),
                new RouteDecision.Screening(Map.of("email", 2), Map.of("pseudonymise", 2)));
        RouteDecision emptyScreening = new RouteDecision("ordered", null, null, List.of(), null, null, List.of(),
                new RouteDecision.Screening(Map.of(), Map.of()));
        RouteDecision bare = new RouteDecision("ordered", null, null, List.of(), null, null);

        for (RouteDecision d : List.of(full, bare, emptyScreening)) {
            assertThat(Json.MAPPER.readTree(d.toJson())).isEqualTo(Json.MAPPER.readTree(
                    Json.MAPPER.writeValueAsString(d)));
            if (d != emptyScreening) { // empty counts are left out, by databind too: they read back as null
                assertThat(RouteDecision.fromJson(d.toJson())).isEqualTo(d);
            }
        }
        // every component of the record is written when set: a new one must be added to toJson too
        for (var c : RouteDecision.class.getRecordComponents()) {
            assertThat(full.toJson()).as(c.getName()).contains("\"" + c.getName() + "\":");
        }
    }
}
