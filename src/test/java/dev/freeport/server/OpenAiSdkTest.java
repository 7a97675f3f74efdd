package dev.freeport.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.freeport.config.SandboxModelConfig;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK, pointed at Freeport, behaves as against OpenAI: answers, streams and errors. */
class OpenAiSdkTest {
    private static final String KEY = "fp-sdk-key";
    private static FakeUpstream up;
    private static TestGateway gw;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        up = FakeUpstream.start();
        SandboxModelConfig instant = new SandboxModelConfig(0, 0, 64, 0, 0, 0, 32, 1);
        gw = TestGateway.builder().masterKey(KEY)
                .openai("up", up.baseUrl())
                .sandbox("sandbox", Map.of("sim", instant))
                .alias("real", "up/gpt-4.1-mini")
                .alias("sim", "sandbox/sim")
                .start();
        client = OpenAIOkHttpClient.builder().baseUrl(gw.base() + "/v1").apiKey(KEY).maxRetries(0).build();
    }

    @org.junit.jupiter.api.BeforeEach
    void freshUpstream() {
        up.clear();
    }

    @AfterAll
    static void stop() {
        gw.close();
        up.close();
    }

    private static ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
    }

    @Test
    void nonStreamingAnswer() {
        up.enqueue(Reply.ok("Paris is the capital of France."));
        ChatCompletion c = client.chat().completions().create(ask("real", "capital of France?"));
        assertThat(c.choices().get(0).message().content()).hasValue("Paris is the capital of France.");
        assertThat(c.usage()).isPresent();
    }

    @Test
    void streamingAnswerWithUsage() {
        up.enqueue(Reply.ok("streamed words arrive one by one"));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("real")
                .addUserMessage("stream please")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            String text = chunks.stream().flatMap(ch -> ch.choices().stream())
                    .map(ch -> ch.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isEqualTo("streamed words arrive one by one");
            assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
        }
    }

    @Test
    void toolCallsFromTheSandbox() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("sim")
                .addUserMessage("What is the weather in Oslo?")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                        .name("get_weather").description("weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city",
                                        Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build()).build()).build())
                .build();
        ChatCompletion c = client.chat().completions().create(params);
        var call = c.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(call.asFunction().function().arguments()).contains("city");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void embeddings() {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder().model("sim")
                .input("hello world").build());
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).embedding()).hasSize(32);
    }

    @Test
    void unknownModelIsNotFound() {
        assertThatThrownBy(() -> client.chat().completions().create(ask("gpt-9", "hi")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("does not exist");
    }

    @Test
    void wrongKeyIsUnauthorized() {
        OpenAIClient bad = OpenAIOkHttpClient.builder().baseUrl(gw.base() + "/v1").apiKey("wrong").maxRetries(0)
                .build();
        assertThatThrownBy(() -> bad.chat().completions().create(ask("real", "hi")))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void invalidParameterIsBadRequest() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("real").addUserMessage("hi")
                .temperature(7.0).build();
        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("temperature");
    }

    @Test
    void upstreamRateLimitIsRateLimited() {
        up.enqueue(Reply.status(429).retryAfter(60)); // past the Retry-After cap: not retried
        assertThatThrownBy(() -> client.chat().completions().create(ask("real", "hi")))
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void upstreamFailureIsAServerError() {
        for (int i = 0; i < 4; i++) {
            up.enqueue(Reply.status(500));
        }
        assertThatThrownBy(() -> client.chat().completions().create(ask("real", "hi")))
                .isInstanceOf(InternalServerException.class).hasMessageContaining("up/gpt-4.1-mini");
    }

    @Test
    void aStreamCutMidwayRaisesInsteadOfEndingCleanly() {
        up.enqueue(Reply.ok("one two three four five six").resetAfterChunks(3));
        ChatCompletionCreateParams params = ask("real", "stream");
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(ch -> { });
            }
        }).isInstanceOf(OpenAIException.class);
    }
}
