package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Timeouts;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.tokens.TokenCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.freeport.provider.sandbox.SandboxFixture.call;
import static dev.freeport.provider.sandbox.SandboxFixture.parse;
import static dev.freeport.provider.sandbox.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

class SandboxChatTest {
    static final SandboxFixture F = new SandboxFixture();
    static final String HELLO = "[{'role':'user','content':'Please explain how circuit breakers protect services'}]";

    @AfterAll
    static void close() {
        F.close();
    }

    private ChatResult chat(ChatRequest request, String model) {
        return F.await(() -> F.provider.chat(call(request, model)));
    }

    private static String content(ChatResult r) {
        return r.body().path("choices").path(0).path("message").path("content").asText();
    }

    @Test
    void sameRequestGivesSameText() {
        assertThat(content(chat(request(HELLO), "instant"))).isEqualTo(content(chat(request(HELLO), "instant")));
    }

    @Test
    void textIsStableAcrossRunsAndJvms() {
        String messages = "[{'role':'system','content':'Be brief.'},{'role':'user','content':'Compare caching and "
                + "batching'},{'role':'assistant','content':null,'refusal':null,'tool_calls':[]},"
                + "{'role':'user','content':[{'type':'text','text':'and pricing?'}]}]";
        ChatRequest req = request(messages, ",'temperature':0.5,'stream':false,'tools':[],'tool_choice':'auto'", null);
        assertThat(content(chat(req, "instant"))).isEqualTo("You asked about pricing. Over between private into "
                + "reduce next simple important server model while only. Come into look with detail only compare "
                + "plan from time. Usually cost example see while few where return need go clear over.");
    }

    @Test
    void differentPromptsGiveDifferentText() {
        String other = "[{'role':'user','content':'Write a haiku about autumn leaves'}]";
        assertThat(content(chat(request(HELLO), "instant"))).isNotEqualTo(content(chat(request(other), "instant")));
    }

    @Test
    void answerEchoesWordsOfLastUserMessage() {
        assertThat(content(chat(request(HELLO), "instant"))).startsWith("You asked about please explain circuit");
    }

    @Test
    void completionBodyHasOpenAiShape() {
        ChatResult r = chat(request(HELLO), "instant");
        JsonNode b = r.body();
        assertThat(b.path("id").asText()).startsWith("chatcmpl-sbx-");
        assertThat(b.path("object").asText()).isEqualTo("chat.completion");
        assertThat(b.path("model").asText()).isEqualTo("instant");
        assertThat(b.path("created").asLong()).isPositive();
        JsonNode choice = b.path("choices").path(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(r.finishReason()).isEqualTo("stop");
        JsonNode u = b.path("usage");
        assertThat(u.path("total_tokens").asInt())
                .isEqualTo(u.path("prompt_tokens").asInt() + u.path("completion_tokens").asInt());
    }

    @Test
    void usageIsCountedWithTokenCounterAndNotEstimated() {
        ChatRequest req = request(HELLO);
        ChatResult r = chat(req, "instant");
        assertThat(r.usage().inputTokens()).isEqualTo(TokenCounter.countPrompt(req));
        assertThat(r.usage().outputTokens()).isEqualTo(TokenCounter.countText(content(r)));
        assertThat(r.usage().estimated()).isFalse();
        assertThat(r.body().path("usage").path("completion_tokens").asLong()).isEqualTo(r.usage().outputTokens());
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishLength() {
        ChatResult r = chat(request(HELLO, "", 5), "instant");
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.usage().outputTokens()).isBetween(1L, 5L);
    }

    @Test
    void nonStreamAnswerWaitsForTtft() {
        long start = System.nanoTime();
        chat(request(HELLO), "slow");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void answerSlowerThanTheFirstByteTimeoutFailsWithTimeout() {
        Timeouts tight = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        UpstreamFailure f = F.awaitFailure(() -> F.provider.chat(new Call(request(HELLO), "slow", tight,
                new Cancellation())));
        assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void cancellingANonStreamAnswerFailsItCancelled() {
        Call c = call(request(HELLO), "slow");
        UpstreamFailure f = F.awaitFailure(() -> {
            var future = F.provider.chat(c);
            c.cancellation().cancel();
            return future;
        });
        assertThat(f.kind()).isEqualTo(FailureKind.CANCELLED);
    }

    @Test
    void unknownModelFailsWithClientErrorListingTheModels() {
        UpstreamFailure f = F.awaitFailure(() -> F.provider.chat(call(request(HELLO), "gpt-9")));
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.status()).isEqualTo(404);
        assertThat(f.message()).contains("gpt-9").contains("instant").contains("slow");
    }

    @Test
    void errorRateOneAlwaysFailsWith500() {
        for (int i = 0; i < 5; i++) {
            UpstreamFailure f = F.awaitFailure(() -> F.provider.chat(call(request(HELLO), "failing")));
            assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
            assertThat(f.status()).isEqualTo(500);
        }
    }

    @Test
    void rateLimitRateOneFailsWith429AndRetryAfter() {
        UpstreamFailure f = F.awaitFailure(() -> F.provider.chat(call(request(HELLO), "limited")));
        assertThat(f.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(f.status()).isEqualTo(429);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void zeroRatesNeverFail() {
        for (int i = 0; i < 50; i++) {
            assertThat(chat(request(HELLO), "instant").finishReason()).isEqualTo("stop");
        }
    }

    @Test
    void halfErrorRateFailsSomeAttemptsAndLetsRetriesSucceed() {
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            var cf = F.start(() -> F.provider.chat(call(request(HELLO), "flaky")));
            failed += cf.handle((ok, err) -> err != null ? 1 : 0).join();
        }
        assertThat(failed).isBetween(5, 35);
    }

    @Test
    void cutNonStreamAnswerFailsAsServerError() {
        UpstreamFailure f = F.awaitFailure(() -> F.provider.chat(call(request(HELLO), "cutting")));
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
    }

    @Test
    void jsonObjectFormatAnswersValidJson() {
        ChatResult r = chat(request(HELLO, ",'response_format':{'type':'json_object'}", null), "instant");
        assertThat(parse(content(r)).isObject()).isTrue();
    }

    @Test
    void jsonSchemaAnswerHasTheRequiredTypedFields() {
        String format = ",'response_format':{'type':'json_schema','json_schema':{'name':'p','strict':true,"
                + "'schema':{'type':'object','properties':{'name':{'type':'string'},'age':{'type':'integer',"
                + "'minimum':18,'maximum':30},'tags':{'type':'array','items':{'type':'string'}},"
                + "'level':{'type':'string','enum':['low','high']},'ok':{'type':'boolean'}},"
                + "'required':['name','age','tags','level','ok'],'additionalProperties':false}}}";
        JsonNode v = parse(content(chat(request(HELLO, format, null), "instant")));
        assertThat(v.path("name").isTextual()).isTrue();
        assertThat(v.path("age").isIntegralNumber()).isTrue();
        assertThat(v.path("age").asInt()).isBetween(18, 30);
        assertThat(v.path("tags").isArray()).isTrue();
        assertThat(v.path("level").asText()).isIn("low", "high");
        assertThat(v.path("ok").isBoolean()).isTrue();
    }
}
