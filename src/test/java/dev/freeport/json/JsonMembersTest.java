package dev.freeport.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonMembersTest {
    private static final List<String> BODIES = List.of(
            "{\"a\":1,\"b\":\"x,}\\\"\",\"c\":[1,{\"d\":\"]\"}],\"e\":null}",
            " {\n  \"a\" : true ,\n  \"b\" : {\"n\": [ ] } ,\"c\":-1.5e3,\n  \"e\":\"\\u00e9\"\n} \n",
            "{\"only\":{}}",
            "{}");

    private static JsonBytes bytes(String json) {
        return JsonBytes.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cuttingAnySetOfMembersLeavesTheObjectWithoutThem() throws IOException {
        for (String body : BODIES) {
            JsonMembers m = JsonMembers.scan(bytes(body));
            assertThat(m).as(body).isNotNull();
            ObjectNode whole = (ObjectNode) Json.MAPPER.readTree(body);
            List<String> names = List.copyOf(whole.properties().stream().map(e -> e.getKey()).toList());
            assertThat(m.count()).isEqualTo(names.size());
            for (int set = 0; set < 1 << names.size(); set++) {
                JsonMembers.Edit edit = m.edit();
                ObjectNode expected = whole.deepCopy();
                for (int i = 0; i < names.size(); i++) {
                    if ((set & 1 << i) != 0) {
                        edit.cut(m.find(names.get(i)));
                        expected.remove(names.get(i));
                    }
                }
                edit.add("\"z\":[0]".getBytes(StandardCharsets.UTF_8));
                expected.set("z", Json.MAPPER.readTree("[0]"));
                Buffer out = edit.write();
                JsonNode got = Json.MAPPER.readTree(out.getBytes());
                assertThat(got).as(body + " cut " + set + ": " + out).isEqualTo(expected);
            }
        }
    }

    @Test
    void anUnchangedObjectIsWrittenByteForByte() {
        for (String body : BODIES) {
            assertThat(JsonMembers.scan(bytes(body)).edit().write().toString(StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }

    @Test
    void aLongStringValueWithEscapesAtEveryOffsetEndsWhereItsClosingQuoteIs() {
        for (int at = 0; at < 24; at++) {
            String text = "x".repeat(at) + "\\\"\\\\\u00e9 \\u0041" + "y".repeat(24 - at);
            String body = "{\"s\":\"" + text + "\",\"n\":[\"" + text + "\",{\"k\":\"}\"}],\"t\":1}";
            JsonMembers m = JsonMembers.scan(bytes(body));
            assertThat(m).as(body).isNotNull();
            assertThat(m.count()).as(body).isEqualTo(3);
            assertThat(m.find("t")).isEqualTo(2);
            assertThat(m.valueIs(2, "1".getBytes(StandardCharsets.US_ASCII))).as(body).isTrue();
            assertThat(m.edit().cut(0).write().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":[\"" + text + "\",{\"k\":\"}\"}],\"t\":1}");
        }
    }

    @Test
    void notOneObjectIsNoMembers() {
        for (String body : List.of("[1]", "\"s\"", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}x", "{\"a\\u0062\":1}")) {
            assertThat(JsonMembers.scan(bytes(body))).as(body).isNull();
        }
    }
}
