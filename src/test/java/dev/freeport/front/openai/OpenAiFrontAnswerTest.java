package dev.freeport.front.openai;

import com.sun.management.ThreadMXBean;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.provider.openai.Wire;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** An OpenAI-format upstream's answer goes to the caller as the bytes it came in, under the caller's model name. */
class OpenAiFrontAnswerTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ChatRequest REQUEST = ChatDecoder.decodeChat(Buffer.buffer(
            "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

    private static String answer(String model, String content) {
        return "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"model\": \"" + model + "\",\n"
                + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"" + content
                + "\"}, \"finish_reason\": \"stop\"}],\n \"usage\": {\"prompt_tokens\": 9, \"completion_tokens\": 3, "
                + "\"prompt_tokens_details\": {\"cached_tokens\": 4}}}";
    }

    private static Buffer relayed(String upstreamAnswer) {
        ChatResult result = Wire.codec("openai").decodeChat(REQUEST, "gpt-4o", Buffer.buffer(upstreamAnswer));
        assertThat(result.usage().inputTokens()).isEqualTo(9);
        assertThat(result.usage().cachedInputTokens()).isEqualTo(4);
        return OpenAiFront.INSTANCE.encodeBytes(REQUEST, result);
    }

    @Test
    void aSmallAnswerGoesOutAsItCameUnderTheCallersModelName() {
        String up = answer("gpt-4o-2024-08-06", "Hello.");
        assertThat(relayed(up).toString(StandardCharsets.UTF_8)).isEqualTo(answer("smart", "Hello."));
    }

    @Test
    void aLargeAnswerGoesOutAsItCameUnderTheCallersModelName() {
        String content = "word ".repeat(2000);
        assertThat(relayed(answer("gpt-4o-2024-08-06", content)).toString(StandardCharsets.UTF_8))
                .isEqualTo(answer("smart", content));
    }

    @Test
    void anAnswerAlreadyUnderTheCallersNameGoesOutAsItCame() {
        assertThat(relayed(answer("smart", "Hi.")).toString(StandardCharsets.UTF_8)).isEqualTo(answer("smart", "Hi."));
    }

    @Test
    void aLargeAnswerIsScannedAndRelayedWithoutCopyingIt() {
        Buffer up = Buffer.buffer(answer("gpt-4o-2024-08-06", "word ".repeat(50_000)));
        var codec = Wire.codec("openai");
        for (int i = 0; i < 20; i++) { // warm up, so that what is measured is the steady state
            OpenAiFront.INSTANCE.encodeBytes(REQUEST, codec.decodeChat(REQUEST, "gpt-4o", up));
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Buffer out = OpenAiFront.INSTANCE.encodeBytes(REQUEST, codec.decodeChat(REQUEST, "gpt-4o", up));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(out.length()).isEqualTo(up.length() - "gpt-4o-2024-08-06".length() + "smart".length());
        assertThat(allocated).as("bytes allocated for a %d-byte answer", up.length()).isLessThan(up.length() / 4);
    }
}
