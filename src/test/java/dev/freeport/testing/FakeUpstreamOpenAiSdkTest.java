package dev.freeport.testing;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK, pointed at the fake, understands every answer it gives. */
class FakeUpstreamOpenAiSdkTest {
    private static FakeUpstream up;
    private static OpenAIClient client;

    @BeforeAll
    static void startServer() {
        up = FakeUpstream.start();
        client = OpenAIOkHttpClient.builder().baseUrl(up.baseUrl()).apiKey("test").maxRetries(0).build();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        up.close();
    }

    @BeforeEach
    void reset() {
        up.clear();
    }

    private static ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello");
    }

    private static ChatCompletionCreateParams.Builder withWeatherTool() {
        return params().addTool(ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder().name("get_weather").build()).build());
    }

    @Test
    void nonStreamCompletionCarriesTextModelAndUsage() {
        up.enqueue(Reply.ok("Hello there, friend").usage(7, 3));

        ChatCompletion completion = client.chat().completions().create(params().build());

        assertThat(completion.model()).isEqualTo("gpt-4o-mini");
        assertThat(completion.choices().getFirst().message().content()).contains("Hello there, friend");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(7);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(10);
    }

    @Test
    void streamDeliversTextInSeveralChunksWithUsageChunkWhenAsked() {
        up.enqueue(Reply.ok("one two three four").usage(5, 4));
        ChatCompletionCreateParams request = params()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(request)) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                acc.accumulate(chunk);
            });
        }

        assertThat(acc.chatCompletion().choices().getFirst().message().content()).contains("one two three four");
        assertThat(chunks).hasSizeGreaterThan(4);
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().promptTokens()).isEqualTo(5);
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(chunks.getFirst().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageAnywhere() {
        up.enqueue(Reply.ok("alpha beta"));

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params().build())) {
            stream.stream().forEach(chunks::add);
        }

        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.usage()).isEmpty());
        assertThat(chunks.getLast().choices().getFirst().finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
    }

    @Test
    void nonStreamToolCallsReachTheSdk() {
        up.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")));

        ChatCompletion completion = client.chat().completions().create(withWeatherTool().build());

        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        assertThat(call.id()).startsWith("call_");
    }

    @Test
    void streamedToolCallArgumentsArriveInFragmentsAndReassemble() {
        String args = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        up.enqueue(Reply.toolCalls(ToolCall.of("get_weather", args), new ToolCall("call_2", "get_time", "{}")));

        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        int[] argumentChunks = {0};
        try (StreamResponse<ChatCompletionChunk> stream =
                     client.chat().completions().createStreaming(withWeatherTool().build())) {
            stream.stream().forEach(chunk -> {
                acc.accumulate(chunk);
                chunk.choices().forEach(c -> c.delta().toolCalls().ifPresent(calls -> calls.forEach(tc ->
                        tc.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
                                .filter(a -> !a.isEmpty()).ifPresent(a -> argumentChunks[0]++))));
            });
        }

        var calls = acc.chatCompletion().choices().getFirst().message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo(args);
        assertThat(calls.get(1).asFunction().id()).isEqualTo("call_2");
        assertThat(calls.get(1).asFunction().function().name()).isEqualTo("get_time");
        assertThat(argumentChunks[0]).isGreaterThan(2);
    }

    @Test
    void status429IsARateLimitExceptionWithRetryAfter() {
        up.enqueue(Reply.status(429).retryAfter(2));

        assertThatThrownBy(() -> client.chat().completions().create(params().build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("2");
                    assertThat(e.getMessage()).contains("Rate limit");
                });
    }

    @Test
    void embeddingsAreDeterministicUnitVectors() {
        EmbeddingCreateParams request = EmbeddingCreateParams.builder().model("text-embedding-3-small")
                .input("the same text").build();

        CreateEmbeddingResponse first = client.embeddings().create(request);
        CreateEmbeddingResponse second = client.embeddings().create(request);

        List<Float> vector = first.data().getFirst().embedding();
        assertThat(vector).isNotEmpty().isEqualTo(second.data().getFirst().embedding());
        double norm = vector.stream().mapToDouble(f -> f * f).sum();
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(first.model()).isEqualTo("text-embedding-3-small");
        assertThat(first.usage().promptTokens()).isEqualTo(3);
    }
}
