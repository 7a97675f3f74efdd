package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.api.Timeouts;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.tokens.TokenCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.freeport.provider.sandbox.SandboxFixture.call;
import static dev.freeport.provider.sandbox.SandboxFixture.parse;
import static dev.freeport.provider.sandbox.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

class SandboxStreamTest {
    static final SandboxFixture F = new SandboxFixture();
    static final String HELLO = "[{'role':'user','content':'Please explain how circuit breakers protect services'}]";

    @AfterAll
    static void close() {
        F.close();
    }

    /** Items delivered to a handler, completed on the terminal item. */
    static final class Collector {
        final List<StreamItem> items = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<StreamItem> terminal = new CompletableFuture<>();

        void accept(StreamItem item) {
            items.add(item);
            if (!(item instanceof StreamItem.Chunk)) {
                terminal.complete(item);
            }
        }

        List<JsonNode> chunks() {
            synchronized (items) {
                return items.stream().filter(i -> i instanceof StreamItem.Chunk)
                        .map(i -> (JsonNode) ((StreamItem.Chunk) i).chunk()).toList();
            }
        }

        StreamItem awaitTerminal() throws Exception {
            return terminal.get(10, TimeUnit.SECONDS);
        }
    }

    private Collector stream(ChatRequest request, String model) throws Exception {
        Collector c = new Collector();
        ChunkStream s = F.await(() -> F.provider.chatStream(call(request, model)));
        F.onLoop(() -> s.handler(c::accept));
        c.awaitTerminal();
        return c;
    }

    private static String content(List<JsonNode> chunks) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : chunks) {
            sb.append(c.path("choices").path(0).path("delta").path("content").asText(""));
        }
        return sb.toString();
    }

    @Test
    void streamIsOpenAiChunksThenFinishThenUsageThenEnd() throws Exception {
        Collector c = stream(request(HELLO), "instant");
        List<JsonNode> chunks = c.chunks();
        JsonNode first = chunks.get(0);
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("id").asText()).startsWith("chatcmpl-sbx-");
        assertThat(first.path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(first.path("choices").path(0).path("delta").path("content").asText()).isNotEmpty();
        assertThat(chunks).allSatisfy(ch -> assertThat(ch.path("id")).isEqualTo(first.path("id")));
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(c.items.get(c.items.size() - 1)).isInstanceOf(StreamItem.End.class);
    }

    @Test
    void streamedTextEqualsNonStreamTextAndUsageMatchesTokenCounter() throws Exception {
        ChatRequest req = request(HELLO);
        List<JsonNode> chunks = stream(req, "instant").chunks();
        String text = content(chunks);
        ChatResult whole = F.await(() -> F.provider.chat(call(req, "instant")));
        assertThat(text).isEqualTo(whole.body().path("choices").path(0).path("message").path("content").asText());
        JsonNode usage = chunks.get(chunks.size() - 1).path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(TokenCounter.countPrompt(req));
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(TokenCounter.countText(text));
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    }

    @Test
    void toolCallDeltasCarryIdAndNameFirstThenArgumentFragments() throws Exception {
        ChatRequest req = request(SandboxToolsTest.ASK, SandboxToolsTest.TOOLS, null);
        List<JsonNode> chunks = stream(req, "instant").chunks();
        JsonNode firstCall = chunks.get(0).path("choices").path(0).path("delta").path("tool_calls").path(0);
        assertThat(firstCall.path("index").asInt()).isZero();
        assertThat(firstCall.path("id").asText()).startsWith("call_");
        assertThat(firstCall.path("function").path("name").asText()).isEqualTo("get_weather");
        StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
        for (JsonNode ch : chunks) {
            for (JsonNode tc : ch.path("choices").path(0).path("delta").path("tool_calls")) {
                args[tc.path("index").asInt()].append(tc.path("function").path("arguments").asText(""));
            }
        }
        assertThat(parse(args[0].toString()).has("location")).isTrue();
        assertThat(parse(args[1].toString()).has("query")).isTrue();
        assertThat(chunks.get(chunks.size() - 2).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void firstChunkComesNoEarlierThanTtft() {
        long start = System.nanoTime();
        F.await(() -> F.provider.chatStream(call(request(HELLO), "slow")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void firstChunkLaterThanTheFirstByteTimeoutFailsWithTimeout() {
        Timeouts tight = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        assertThat(F.awaitFailure(() -> F.provider.chatStream(new Call(request(HELLO), "slow", tight,
                new Cancellation()))).kind()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void itemsProducedBeforeTheHandlerIsSetAreBuffered() throws Exception {
        ChunkStream s = F.await(() -> F.provider.chatStream(call(request(HELLO), "instant")));
        Thread.sleep(50);
        Collector c = new Collector();
        F.onLoop(() -> s.handler(c::accept));
        assertThat(c.awaitTerminal()).isInstanceOf(StreamItem.End.class);
        assertThat(content(c.chunks())).startsWith("You asked about");
    }

    @Test
    void pauseStopsDeliveryUntilResume() throws Exception {
        ChunkStream s = F.await(() -> F.provider.chatStream(call(request(HELLO), "paced")));
        Collector c = new Collector();
        F.onLoop(() -> {
            s.handler(c::accept);
            s.pause();
        });
        int before = c.items.size();
        Thread.sleep(300);
        assertThat(c.items).hasSize(before);
        F.onLoop(s::resume);
        assertThat(c.awaitTerminal()).isInstanceOf(StreamItem.End.class);
        assertThat(c.items.size()).isGreaterThan(before);
    }

    @Test
    void cancelStopsDeliveryForGood() throws Exception {
        Call call = call(request(HELLO), "paced");
        ChunkStream s = F.await(() -> F.provider.chatStream(call));
        Collector c = new Collector();
        F.onLoop(() -> {
            s.handler(c::accept);
            call.cancellation().cancel();
        });
        int after = c.items.size();
        Thread.sleep(300);
        assertThat(c.items).hasSize(after);
        assertThat(c.terminal).isNotDone();
    }

    @Test
    void pacedStreamSpreadsChunksOverTime() throws Exception {
        ChunkStream s = F.await(() -> F.provider.chatStream(call(request(HELLO), "paced")));
        Collector c = new Collector();
        F.onLoop(() -> s.handler(c::accept));
        Thread.sleep(100);
        int early = c.chunks().size();
        c.awaitTerminal();
        assertThat(early).isLessThan(c.chunks().size());
    }

    @Test
    void cutStreamEndsWithStreamCutAfterSomeChunks() throws Exception {
        Collector c = stream(request(HELLO), "cutting-paced");
        assertThat(c.chunks()).isNotEmpty();
        StreamItem last = c.items.get(c.items.size() - 1);
        assertThat(last).isInstanceOf(StreamItem.Failed.class);
        assertThat(((StreamItem.Failed) last).failure().kind()).isEqualTo(FailureKind.STREAM_CUT);
        assertThat(c.chunks()).noneMatch(ch -> ch.has("usage"));
    }

    @Test
    void errorRateOneFailsTheStreamBeforeItStarts() {
        assertThat(F.awaitFailure(() -> F.provider.chatStream(call(request(HELLO), "failing"))).status())
                .isEqualTo(500);
    }
}
