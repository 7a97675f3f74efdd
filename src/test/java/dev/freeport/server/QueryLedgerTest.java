package dev.freeport.server;

import dev.freeport.config.RequestLogConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the gateway answers itself (a query endpoint) never reached a provider, so it is no ledger event, not
 * even when it fails; the request log still has the failure.
 */
class QueryLedgerTest {
    @TempDir
    Path dir;
    private final FakeUpstream up = FakeUpstream.start();
    private TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        up.close();
    }

    @Test
    void aFailedQueryIsInTheRequestLogButNotInTheLedger() throws Exception {
        Path log = dir.resolve("requests.log");
        up.setDefault(Reply.ok("fine"));
        gw = TestGateway.builder().openai("fake", up.baseUrl()).alias("smart", "fake/model-a")
                .requestLog(new RequestLogConfig(RequestLogConfig.Requests.FAILURES, RequestLogConfig.Format.TEXT,
                        log)).start();
        HttpResponse<String> missing = gw.get("/v1/models/no-such-model");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        String id = missing.headers().firstValue("x-freeport-request-id").orElseThrow();
        HttpResponse<String> chat = gw.post("/v1/chat/completions",
                "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);

        List<UsageEvent> events = gw.awaitEvents(1);
        assertThat(events).extracting(UsageEvent::endpoint).containsExactly("chat");
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(id)) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(log)).contains(id).contains("status=404");
    }
}
