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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's deadline for attempts that carry it in their call's total timeout ({@link
 * Dispatcher#dispatchBounded}): no timer of the dispatcher's, and their timeout once the deadline passed is the
 * deadline's 504, not a failure the target's breaker counts.
 */
class DispatcherDeadlineTest {
    private final Vertx vertx = Vertx.vertx();
    private final Dispatcher dispatcher = new Dispatcher(vertx, RouterConfig.DEFAULTS);

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A provider whose answers are what the test makes of each attempt's timeouts. */
    private record Stub(boolean endsByTotalTimeout, java.util.function.Function<Timeouts, Future<ChatResult>> answer)
            implements Provider {
        @Override
        public String name() {
            return "stub";
        }

        @Override
        public String type() {
            return "openai";
        }

        @Override
        public Future<ChatResult> chat(Call call) {
            return answer.apply(call.timeouts());
        }

        @Override
        public Future<ChunkStream> chatStream(Call call) {
            return Future.failedFuture("no streams");
        }

        @Override
        public Future<EmbeddingsResult> embeddings(EmbeddingsCall call) {
            return Future.failedFuture("no embeddings");
        }
    }

    private static Target target(Provider p, CircuitBreaker breaker) {
        return new Target(p, "m", 1, null, Timeouts.DEFAULTS, breaker, null, new TargetStats());
    }

    private Future<Dispatched<ChatResult>> dispatch(Target t, Deadline deadline) {
        CompletableFuture<Future<Dispatched<ChatResult>>> started = new CompletableFuture<>();
        vertx.runOnContext(v -> started.complete(dispatcher.dispatchBounded(List.of(t), FallbackPlans.NONE,
                new Cancellation(), deadline, target -> target.provider().chat(new Call(null, "m",
                        deadline.bound(target.timeouts()), new Cancellation())))));
        return started.join();
    }

    @Test
    void anAttemptThatEndsByItsTotalTimeoutGetsTheDeadlineInItAndNoTimerOfTheDispatcher() throws Exception {
        CompletableFuture<Timeouts> given = new CompletableFuture<>();
        Target t = target(new Stub(true, timeouts -> {
            given.complete(timeouts);
            return Promise.<ChatResult>promise().future(); // hangs: only its own timer would end it
        }), new CircuitBreaker(1, Duration.ofMinutes(1), CircuitBreaker.Clock.SYSTEM));
        Future<Dispatched<ChatResult>> result = dispatch(t, Deadline.after(System.nanoTime(), Duration.ofMillis(150),
                "router.total_timeout"));
        assertThat(given.get(5, TimeUnit.SECONDS).total()).isLessThanOrEqualTo(Duration.ofMillis(150))
                .isPositive();
        Thread.sleep(400);
        assertThat(result.isComplete()).as("the dispatcher armed no timer of its own").isFalse();
    }

    @Test
    void aTimeoutOnceTheDeadlinePassedIsTheDeadlines504AndNoBreakerFailure() {
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofMinutes(1), CircuitBreaker.Clock.SYSTEM);
        Target t = target(new Stub(true, timeouts -> {
            Promise<ChatResult> p = Promise.promise();
            vertx.setTimer(timeouts.total().toMillis(), id -> p.fail(UpstreamFailure.of(FailureKind.TIMEOUT, 0,
                    "answer not complete within " + timeouts.total()).toException()));
            return p.future();
        }), breaker);
        Future<Dispatched<ChatResult>> result = dispatch(t, Deadline.after(System.nanoTime(), Duration.ofMillis(100),
                "router.total_timeout"));
        Throwable failure = result.toCompletionStage().toCompletableFuture().handle((r, e) -> e).join();
        DispatchFailed failed = (DispatchFailed) failure;
        assertThat(failed.error().status()).isEqualTo(504);
        assertThat(failed.error().message()).contains("deadline of 100ms (router.total_timeout)");
        assertThat(failed.attempts()).singleElement().satisfies(a -> assertThat(a.describe())
                .contains("no answer before the request's deadline"));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aProviderThatDoesNotEndByItsTimeoutIsStillCutByTheDispatcher() {
        Target t = target(new Stub(false, timeouts -> Promise.<ChatResult>promise().future()),
                new CircuitBreaker(1, Duration.ofMinutes(1), CircuitBreaker.Clock.SYSTEM));
        Future<Dispatched<ChatResult>> result = dispatch(t, Deadline.after(System.nanoTime(), Duration.ofMillis(100),
                "router.total_timeout"));
        Throwable failure = result.toCompletionStage().toCompletableFuture().handle((r, e) -> e)
                .orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(failure).isInstanceOf(DispatchFailed.class);
    }
}
