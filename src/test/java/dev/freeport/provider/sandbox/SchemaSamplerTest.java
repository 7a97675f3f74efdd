package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.freeport.provider.sandbox.SandboxFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaSamplerTest {

    private static JsonNode sample(String schema, long seed) {
        return new SchemaSampler(json(schema), seed).sample();
    }

    @Test
    void numbersStayWithinTheirBounds() {
        for (long seed = 0; seed < 200; seed++) {
            JsonNode v = sample("{'type':'object','properties':{'p':{'type':'number','minimum':0,'maximum':1},"
                    + "'n':{'type':'integer','maximum':-5},'e':{'type':'integer','exclusiveMinimum':3,"
                    + "'exclusiveMaximum':6}},'required':['p','n','e']}", seed);
            assertThat(v.path("p").asDouble()).isBetween(0.0, 1.0);
            assertThat(v.path("n").asLong()).isLessThanOrEqualTo(-5);
            assertThat(v.path("e").asInt()).isBetween(4, 5);
        }
    }

    @Test
    void followsLocalRefsToDefinitions() {
        JsonNode v = sample("{'type':'object','properties':{'addr':{'$ref':'#/$defs/Address'}},"
                + "'required':['addr'],'$defs':{'Address':{'type':'object','properties':{'zip':{'type':'string'},"
                + "'floor':{'type':'integer'}},'required':['zip','floor']}}}", 1);
        assertThat(v.path("addr").path("zip").isTextual()).isTrue();
        assertThat(v.path("addr").path("floor").isIntegralNumber()).isTrue();
    }

    @Test
    void fillsOnlyRequiredPropertiesWhenSomeAreRequired() {
        JsonNode v = sample("{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'string'}},"
                + "'required':['b']}", 3);
        assertThat(v.has("b")).isTrue();
        assertThat(v.has("a")).isFalse();
    }

    @Test
    void nullableUnionsTakeTheNonNullType() {
        JsonNode v = sample("{'type':'object','properties':{'a':{'type':['null','integer']},"
                + "'b':{'anyOf':[{'type':'null'},{'type':'boolean'}]}},'required':['a','b']}", 5);
        assertThat(v.path("a").isIntegralNumber()).isTrue();
        assertThat(v.path("b").isBoolean()).isTrue();
    }

    @Test
    void arraysRespectMinItemsAndConstIsKept() {
        JsonNode v = sample("{'type':'object','properties':{'xs':{'type':'array','minItems':3,"
                + "'items':{'type':'string'}},'k':{'const':'fixed'}},'required':['xs','k']}", 9);
        assertThat(v.path("xs").size()).isGreaterThanOrEqualTo(3);
        assertThat(v.path("k").asText()).isEqualTo("fixed");
    }

    @Test
    void sameSeedSameValue() {
        String schema = "{'type':'object','properties':{'q':{'type':'string'},'n':{'type':'number'}}}";
        assertThat(sample(schema, 11)).isEqualTo(sample(schema, 11));
    }
}
