package dev.freeport.server;

import dev.freeport.testing.FakeUpstream;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gateway on io_uring ({@code FREEPORT_TRANSPORT=io_uring}, where the kernel and the container allow it): the
 * server edge and the raw
 * upstream client (channels from the transport's factory on the request's own loop) both on io_uring, with no read
 * lost on a kept-alive connection whose reading is paused and resumed (Netty issue 17049, fixed in 4.2.17).
 */
class IoUringGatewayTest {
    private static final String ANSWER = """
            {"model":"m","messages":[{"role":"user","content":"hello"}]}""";
    private static final String STREAM = """
            {"model":"m","stream":true,"messages":[{"role":"user","content":"hello"}]}""";
    private FakeUpstream upstream;
    private TestGateway gw;
    private String before;
    private boolean asked;

    @BeforeEach
    void start() {
        assumeTrue(Transport.IO_URING != null && Transport.IO_URING.available(), "io_uring runs here");
        before = System.setProperty("freeport.transport", "io_uring");
        asked = true;
        upstream = FakeUpstream.start();
        gw = TestGateway.builder().openai("up", upstream.baseUrl()).alias("m", "up/model-a").start();
    }

    @AfterEach
    void stop() {
        if (asked && before == null) {
            System.clearProperty("freeport.transport");
        } else if (asked) {
            System.setProperty("freeport.transport", before);
        }
        if (gw != null) {
            gw.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void theGatewayRunsOnIoUringWhenAskedFor() {
        assertThat(((VertxInternal) gw.gateway().vertx()).transport()).isSameAs(Transport.IO_URING.implementation());
    }

    /** a lost read shows as a request that never completes: the gateway's timeouts (TestGateway.FAST) end it */
    @Test
    void answersAndStreamsInARowOnKeptAliveConnectionsAllComplete() {
        for (int i = 0; i < 200; i++) {
            boolean stream = i % 2 == 1;
            HttpResponse<String> r = gw.post("/v1/chat/completions", stream ? STREAM : ANSWER);
            assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(r.body()).as("request %d", i).contains(stream ? "[DONE]" : "\"choices\"");
        }
    }
}
