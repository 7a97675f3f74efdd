package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.lab.Checks.Failure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The deterministic checks of an answer against its request, and the report's interval. */
class ChecksTest {
    static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"type\":\"integer\"}}}";

    static ObjectNode json(String s) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode schemaRequest() {
        return json("{\"messages\":[],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\","
                + "\"schema\":" + SCHEMA + "}},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
                + "\"parameters\":" + SCHEMA + "}}]}");
    }

    static ObjectNode answer(String content, String args, String name, String finish) {
        ObjectNode a = json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"},\"finish_reason\":\""
                + finish + "\"}]}");
        ObjectNode m = (ObjectNode) a.at("/choices/0/message");
        m.put("content", content);
        if (args != null) {
            m.putArray("tool_calls").addObject().put("id", "c").put("type", "function").putObject("function")
                    .put("name", name).put("arguments", args);
        }
        return a;
    }

    @Test
    void aSchemaValidAnswerPassesEveryCheck() {
        assertThat(Checks.of(schemaRequest(), answer("{\"n\": 3}", "{\"n\": 1}", "f", "stop"))).isEmpty();
    }

    @Test
    void jsonThatParsesButBreaksTheRequestedSchemaFails() {
        assertThat(Checks.of(schemaRequest(), answer("{\"n\": \"three\"}", null, null, "stop")))
                .containsExactly(Failure.BAD_JSON);
        assertThat(Checks.of(schemaRequest(), answer("{\"n\": 3", null, null, "stop")))
                .containsExactly(Failure.BAD_JSON);
    }

    @Test
    void aToolCallOfAToolNotOfferedOrWithInvalidArgumentsFails() {
        assertThat(Checks.of(schemaRequest(), answer("{\"n\": 3}", "{\"n\": 1}", "g", "tool_calls")))
                .containsExactly(Failure.BAD_TOOL_CALL);
        assertThat(Checks.of(schemaRequest(), answer("{\"n\": 3}", "{\"m\": 1}", "f", "tool_calls")))
                .containsExactly(Failure.BAD_TOOL_CALL);
    }

    @Test
    void emptyTruncatedAndRefusingAnswersAreNamed() {
        ObjectNode plain = json("{\"messages\":[]}");
        assertThat(Checks.of(plain, answer("", null, null, "stop"))).containsExactly(Failure.EMPTY);
        assertThat(Checks.of(plain, answer("half a sen", null, null, "length"))).containsExactly(Failure.TRUNCATED);
        assertThat(Checks.of(plain, answer("I'm sorry, but I can't help with that.", null, null, "stop")))
                .containsExactly(Failure.REFUSAL);
    }

    @Test
    void theWilsonIntervalMatchesItsFormula() {
        MigrationReport.Interval i = ReportBuilder.wilson(82, 100);
        assertThat(i.low()).isCloseTo(0.73333, within(1e-4));
        assertThat(i.high()).isCloseTo(0.88300, within(1e-4));
        assertThat(ReportBuilder.wilson(0, 10).low()).isZero();
        assertThat(ReportBuilder.wilson(0, 10).high()).isCloseTo(0.27753, within(1e-4));
    }
}
