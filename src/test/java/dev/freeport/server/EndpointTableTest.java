package dev.freeport.server;

import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.front.openai.OpenAiFront;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding a request's endpoint: by path, method and (where fronts share a path) the caller's headers. */
class EndpointTableTest {
    private final EndpointTable table = new EndpointTable(Gateway.FRONTS);

    @Test
    void aPathOneFrontServesIsMatchedWithoutAllocating() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        int n = 200_000;
        long found = 0;
        for (int i = 0; i < n; i++) { // warm up
            found += table.find("/v1/chat/completions", HttpMethod.POST, headers) != null ? 1 : 0;
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < n; i++) {
            found += table.find("/v1/chat/completions", HttpMethod.POST, headers) != null ? 1 : 0;
        }
        long perFind = (threads.getThreadAllocatedBytes(id) - before) / n;

        assertThat(found).isEqualTo(2L * n);
        // before: a LinkedHashSet of allowed methods, a Set.of and a Match per request (~170 B)
        assertThat(perFind).as("bytes allocated per find").isLessThanOrEqualTo(8);
    }

    @Test
    void theMatchNamesTheFrontTheEndpointAndTheMethod() {
        EndpointTable.Match m = table.find("/v1/messages", HttpMethod.POST, MultiMap.caseInsensitiveMultiMap());

        assertThat(m.front()).isSameAs(AnthropicFront.INSTANCE);
        assertThat(m.endpoint().method()).isEqualTo(HttpMethod.POST);
        assertThat(m.params()).isEmpty();
        assertThat(m.allowed()).containsExactly(HttpMethod.POST);
    }

    @Test
    void aMethodThePathDoesNotTakeGetsTheMethodsItAllows() {
        EndpointTable.Match m = table.find("/v1/chat/completions", HttpMethod.PUT, MultiMap.caseInsensitiveMultiMap());

        assertThat(m.endpoint()).isNull();
        assertThat(m.front()).isSameAs(OpenAiFront.INSTANCE);
        assertThat(m.allowed()).contains(HttpMethod.POST).doesNotContain(HttpMethod.PUT);
    }

    @Test
    void onASharedPathTheFrontThatRecognisesTheHeadersWins() {
        MultiMap anthropic = MultiMap.caseInsensitiveMultiMap().add("anthropic-version", "2023-06-01");

        assertThat(table.find("/v1/models", HttpMethod.GET, anthropic).front()).isSameAs(AnthropicFront.INSTANCE);
        assertThat(table.find("/v1/models", HttpMethod.GET, MultiMap.caseInsensitiveMultiMap()).front())
                .isSameAs(OpenAiFront.INSTANCE);
    }
}
