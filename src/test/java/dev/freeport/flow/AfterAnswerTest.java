package dev.freeport.flow;

import dev.freeport.caller.Principal;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.Module;
import dev.freeport.module.RequestWatch;
import dev.freeport.module.RequestWatcher;
import dev.freeport.route.Attempt;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the caller does not need waits until its answer is out: the watchers (metrics, traces) hear that a request
 * ended only once its answer was written. The watcher here holds its event loop until the caller has the answer (or
 * 10 seconds pass): were it told before the write, the caller would wait the 10 seconds.
 */
class AfterAnswerTest {

    @Test
    void theWatchersHearThatARequestEndedOnlyOnceItsAnswerWasWritten() throws Exception {
        CountDownLatch callerHasAnswer = new CountDownLatch(1);
        CompletableFuture<Boolean> answerWasOut = new CompletableFuture<>();
        RequestWatch watch = new RequestWatch() {
            @Override
            public void ended(UsageEvent event, Principal principal, String front, List<Attempt> attempts) {
                try {
                    answerWasOut.complete(callerHasAnswer.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answerWasOut.complete(false);
                }
            }
        };
        Module watching = new Module() {
            @Override
            public RequestWatcher watcher() {
                return (endpoint, headers) -> watch;
            }
        };
        try (FakeUpstream up = FakeUpstream.start();
             TestGateway gw = TestGateway.builder().openai("fast", up.baseUrl()).alias("m", "fast/up-model")
                     .modules(vx -> List.of(watching)).start()) {
            up.setDefault(Reply.ok("hello"));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(gw.base() + "/v1/chat/completions")).timeout(java.time.Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            callerHasAnswer.countDown();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(answerWasOut.get(20, TimeUnit.SECONDS)).as("the caller had its answer when the watcher heard")
                    .isTrue();
        }
    }
}
