package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatResult;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.tokens.TokenCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static dev.freeport.provider.sandbox.SandboxFixture.call;
import static dev.freeport.provider.sandbox.SandboxFixture.parse;
import static dev.freeport.provider.sandbox.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

class SandboxToolsTest {
    static final SandboxFixture F = new SandboxFixture();
    static final String ASK = "[{'role':'user','content':'What is the weather in Paris?'}]";
    static final String TOOLS = ",'tools':["
            + "{'type':'function','function':{'name':'get_weather','description':'Current weather',"
            + "'parameters':{'type':'object','properties':{'location':{'type':'string'},"
            + "'unit':{'type':'string','enum':['celsius','fahrenheit']},'days':{'type':'integer','minimum':1,"
            + "'maximum':7}},'required':['location','unit','days']}}},"
            + "{'type':'function','function':{'name':'search_docs','parameters':{'type':'object',"
            + "'properties':{'query':{'type':'string'},'limit':{'type':'number'},'filters':{'type':'object',"
            + "'properties':{'lang':{'type':'string'}},'required':['lang']}},'required':['query','filters']}}}]";

    @AfterAll
    static void close() {
        F.close();
    }

    private ChatResult chat(String messages, String extra) {
        return F.await(() -> F.provider.chat(call(request(messages, extra, null), "instant")));
    }

    private static JsonNode message(ChatResult r) {
        return r.body().path("choices").path(0).path("message");
    }

    @Test
    void callsTheFirstTwoToolsWhenParallelCallsAreAllowed() {
        ChatResult r = chat(ASK, TOOLS);
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        JsonNode calls = message(r).path("tool_calls");
        assertThat(calls.size()).isEqualTo(2);
        assertThat(calls.path(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(calls.path(1).path("function").path("name").asText()).isEqualTo("search_docs");
        assertThat(calls.path(0).path("id").asText()).startsWith("call_");
        assertThat(calls.path(0).path("type").asText()).isEqualTo("function");
        assertThat(message(r).path("content").isNull()).isTrue();
    }

    @Test
    void toolArgumentsAreJsonWithTheSchemasRequiredFields() {
        JsonNode calls = message(chat(ASK, TOOLS)).path("tool_calls");
        JsonNode weather = parse(calls.path(0).path("function").path("arguments").asText());
        assertThat(weather.path("location").isTextual()).isTrue();
        assertThat(weather.path("unit").asText()).isIn("celsius", "fahrenheit");
        assertThat(weather.path("days").asInt()).isBetween(1, 7);
        JsonNode search = parse(calls.path(1).path("function").path("arguments").asText());
        assertThat(search.path("query").isTextual()).isTrue();
        assertThat(search.path("filters").path("lang").isTextual()).isTrue();
    }

    @Test
    void toolCallUsageCountsNamesAndArguments() {
        ChatResult r = chat(ASK, TOOLS);
        long expected = 0;
        for (JsonNode c : message(r).path("tool_calls")) {
            expected += TokenCounter.countText(c.path("function").path("name").asText())
                    + TokenCounter.countText(c.path("function").path("arguments").asText());
        }
        assertThat(r.usage().outputTokens()).isEqualTo(expected);
    }

    @Test
    void namedToolChoiceCallsOnlyThatTool() {
        JsonNode calls = message(chat(ASK, TOOLS
                + ",'tool_choice':{'type':'function','function':{'name':'search_docs'}}")).path("tool_calls");
        assertThat(calls.size()).isEqualTo(1);
        assertThat(calls.path(0).path("function").path("name").asText()).isEqualTo("search_docs");
    }

    @Test
    void namedToolChoiceOfAnUnknownToolIsAClientError() {
        UpstreamFailure f = F.awaitFailure(() -> F.provider.chat(call(request(ASK,
                TOOLS + ",'tool_choice':{'type':'function','function':{'name':'nope'}}", null), "instant")));
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
    }

    @Test
    void parallelToolCallsFalseCallsOneTool() {
        JsonNode calls = message(chat(ASK, TOOLS + ",'parallel_tool_calls':false")).path("tool_calls");
        assertThat(calls.size()).isEqualTo(1);
    }

    @Test
    void toolChoiceNoneAnswersWithText() {
        ChatResult r = chat(ASK, TOOLS + ",'tool_choice':'none'");
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(message(r).path("content").asText()).isNotEmpty();
    }

    @Test
    void toolResultTurnEndsWithTextMentioningTheResult() {
        String turn = "[{'role':'user','content':'What is the weather in Paris?'},"
                + "{'role':'assistant','content':null,'tool_calls':[{'id':'call_1','type':'function',"
                + "'function':{'name':'get_weather','arguments':'{}'}}]},"
                + "{'role':'tool','tool_call_id':'call_1','content':'sunny and 21 degrees'}]";
        ChatResult r = chat(turn, TOOLS);
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(message(r).has("tool_calls")).isFalse();
        assertThat(message(r).path("content").asText()).startsWith("The tool get_weather returned: sunny and 21");
    }
}
