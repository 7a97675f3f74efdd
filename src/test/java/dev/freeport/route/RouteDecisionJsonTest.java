package dev.freeport.route;

import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

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
                        new RouteDecision.Tried("a/m1", null, 40)));
        RouteDecision bare = new RouteDecision("ordered", null, null, List.of(), null, null);

        for (RouteDecision d : List.of(full, bare)) {
            assertThat(Json.MAPPER.readTree(d.toJson())).isEqualTo(Json.MAPPER.readTree(
                    Json.MAPPER.writeValueAsString(d)));
            assertThat(RouteDecision.fromJson(d.toJson())).isEqualTo(d);
        }
    }
}
