package dev.freeport.flow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A step followed by the next with the request's state: at once when it is done, once it is when it is not. */
class StepsTest {
    private record State(String name) {
        Future<String> next(Integer value) {
            return Future.succeededFuture(name + value);
        }
    }

    @Test
    void aStepDoneAlreadyHandsItsValueAndTheStateToTheNextAtOnce() {
        Future<String> next = Future.succeededFuture("a1");
        Future<String> then = Steps.then(Future.succeededFuture(1), new State("a"),
                (s, v) -> s.name().equals("a") && v == 1 ? next : Future.failedFuture("wrong state or value"));
        assertThat(then).isSameAs(next);
    }

    @Test
    void aStepStillRunningIsFollowedOnceItSucceeds() {
        Promise<Integer> first = Promise.promise();
        Future<String> then = Steps.then(first.future(), new State("b"), State::next);
        assertThat(then.isComplete()).isFalse();
        first.complete(2);
        assertThat(then.result()).isEqualTo("b2");
    }

    @Test
    void aFailedStepSkipsTheNext() {
        RuntimeException cause = new RuntimeException("refused");
        Future<String> then = Steps.then(Future.<Integer>failedFuture(cause), new State("c"),
                (s, v) -> Future.succeededFuture("ran"));
        assertThat(then.cause()).isSameAs(cause);
    }
}
