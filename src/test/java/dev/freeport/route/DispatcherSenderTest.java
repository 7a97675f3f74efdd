package dev.freeport.route;

import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.api.Timeouts;
import dev.freeport.config.RouterConfig;
import dev.freeport.provider.Call;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.EmbeddingsCall;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.Provider;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher tells its {@link Dispatcher.Sender} of each failed attempt, from its own listener on the attempt:
 * once per failed attempt, before the next attempt is sent, whether the attempt failed as a future or threw.
 */
class DispatcherSenderTest {
    private final Vertx vertx = Vertx.vertx();
    private final Dispatcher dispatcher = new Dispatcher(vertx, RouterConfig.DEFAULTS);

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A provider known by its name only (the dispatcher never calls it: the senders answer). */
    record Named(String name) implements Provider {
        @Override
        public String type() {
            return "openai";
        }

        @Override
        public Future<ChatResult> chat(Call call) {
            return Future.failedFuture("not used");
        }

        @Override
        public Future<ChunkStream> chatStream(Call call) {
            return Future.failedFuture("not used");
        }

        @Override
        public Future<EmbeddingsResult> embeddings(EmbeddingsCall call) {
            return Future.failedFuture("not used");
        }
    }

    private static Target target(String name) {
        return new Target(new Named(name), "m", 1, null, Timeouts.DEFAULTS,
                new CircuitBreaker(5, Duration.ofMinutes(1), CircuitBreaker.Clock.SYSTEM), null, new TargetStats());
    }

    /** Sends to {@code first}, which fails (thrown, or as its future), then to {@code second}, which answers. */
    private List<String> dispatch(Target first, Target second, boolean throwFirst) throws Exception {
        List<String> heard = new ArrayList<>();
        assertThat(dispatch(first, second, throwFirst, heard).target()).isSameAs(second);
        return heard;
    }

    /** As above; what the dispatch answered, and what the sender heard in {@code heard}. */
    private Dispatched<String> dispatch(Target first, Target second, boolean throwFirst, List<String> heard)
            throws Exception {
        CompletableFuture<Dispatched<String>> done = new CompletableFuture<>();
        vertx.runOnContext(v -> dispatcher.dispatch(List.of(first, second), FallbackPlans.NONE, new Cancellation(),
                dispatcher.defaultDeadline(System.nanoTime()), true, new Dispatcher.Sender<String>() {
                    @Override
                    public Future<String> send(Target target) {
                        heard.add("send " + target.provider().name());
                        if (target != first) {
                            return Future.succeededFuture("answer");
                        }
                        var failure = UpstreamFailure.of(FailureKind.SERVER_ERROR, 503, "down").toException();
                        if (throwFirst) {
                            throw failure;
                        }
                        return Future.failedFuture(failure);
                    }

                    @Override
                    public void failed(Target target, Throwable cause) {
                        heard.add("failed " + target.provider().name() + ": " + cause.getMessage());
                    }
                }).onComplete(r -> {
                    if (r.succeeded()) {
                        done.complete(r.result());
                    } else {
                        done.completeExceptionally(r.cause());
                    }
                }));
        return done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAttemptWhoseFutureFailsIsToldToTheSenderOnceBeforeTheNextIsSent() throws Exception {
        assertThat(dispatch(target("a"), target("b"), false)).containsExactly("send a", "failed a: SERVER_ERROR: down", "send b");
    }

    @Test
    void anAttemptThatThrowsAnUpstreamFailureIsToldToTheSenderOnceToo() throws Exception {
        assertThat(dispatch(target("a"), target("b"), true)).containsExactly("send a", "failed a: SERVER_ERROR: down", "send b");
    }

    @Test
    void anAnswerAfterAFailedAttemptListsBothAttemptsInOrder() throws Exception {
        Target a = target("a");
        Target b = target("b");
        List<Attempt> attempts = dispatch(a, b, false, new ArrayList<>()).attempts();
        assertThat(attempts).extracting(Attempt::target).containsExactly(a, b);
        assertThat(attempts.get(0).failure().status()).isEqualTo(503);
        assertThat(attempts.get(1).failure()).isNull();
    }

    @Test
    void anAnswerAtTheFirstAttemptListsThatAttemptOnly() throws Exception {
        Target a = target("a");
        CompletableFuture<Dispatched<String>> done = new CompletableFuture<>();
        vertx.runOnContext(v -> dispatcher.dispatch(List.of(a, target("b")), FallbackPlans.NONE, new Cancellation(),
                dispatcher.defaultDeadline(System.nanoTime()), true, target -> Future.succeededFuture("answer"))
                .onSuccess(done::complete).onFailure(done::completeExceptionally));
        Dispatched<String> d = done.get(5, TimeUnit.SECONDS);
        assertThat(d.attempts()).extracting(Attempt::target).containsExactly(a);
        assertThat(d.attempts().get(0).failure()).isNull();
    }
}
