package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamClientTest {
    private final Vertx vertx = Vertx.vertx();
    private final UpstreamClient client = new UpstreamClient(vertx);

    @AfterEach
    void close() {
        client.close();
        vertx.close();
    }

    private static UpstreamRequest post(String path, MultiMap headers) {
        return new UpstreamRequest(HttpMethod.POST, path, headers, Buffer.buffer("{}"));
    }

    @Test
    void requestsWithACodecsSharedHeadersReuseOnePreparedOptions() {
        MultiMap shared = MultiMap.caseInsensitiveMultiMap().set("authorization", "Bearer k");
        RequestOptions first = client.options("https://api.example.com/v1/", post("/chat/completions", shared),
                Timeouts.DEFAULTS);
        RequestOptions second = client.options("https://api.example.com/v1/", post("/chat/completions", shared),
                Timeouts.DEFAULTS);
        assertThat(second).isSameAs(first);
        assertThat(first.getURI()).isEqualTo("/v1/chat/completions");
        assertThat(first.getHost()).isEqualTo("api.example.com");
        assertThat(first.getPort()).isEqualTo(443);
        assertThat(first.isSsl()).isTrue();
        assertThat(first.getHeaders().get("authorization")).isEqualTo("Bearer k");
    }

    @Test
    void otherHeadersOrAnotherPathGetTheirOwnOptions() {
        MultiMap shared = MultiMap.caseInsensitiveMultiMap().set("authorization", "Bearer k");
        MultiMap traced = MultiMap.caseInsensitiveMultiMap().addAll(shared).set("traceparent", "00-1-2-01");
        RequestOptions chat = client.options("http://127.0.0.1:9/v1", post("/chat/completions", shared),
                Timeouts.DEFAULTS);
        RequestOptions withTrace = client.options("http://127.0.0.1:9/v1", post("/chat/completions", traced),
                Timeouts.DEFAULTS);
        RequestOptions embeddings = client.options("http://127.0.0.1:9/v1", post("/embeddings", shared),
                Timeouts.DEFAULTS);
        assertThat(withTrace).isNotSameAs(chat);
        assertThat(withTrace.getHeaders().get("traceparent")).isEqualTo("00-1-2-01");
        assertThat(embeddings.getURI()).isEqualTo("/v1/embeddings");
        assertThat(chat.getURI()).isEqualTo("/v1/chat/completions");
        assertThat(chat.getPort()).isEqualTo(9);
    }
}
