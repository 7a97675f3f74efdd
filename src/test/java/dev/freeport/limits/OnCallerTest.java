package dev.freeport.limits;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OnCallerTest {

    @Test
    void aSynchronousAnswerRunsTheNextStepAtOnce() {
        List<String> steps = new ArrayList<>();
        Future<String> next = OnCaller.then(Future.succeededFuture("reply"), r -> {
            steps.add(r);
            return Future.succeededFuture("ticket");
        });
        assertThat(steps).containsExactly("reply");
        assertThat(next.result()).isEqualTo("ticket");
    }

    @Test
    void aNextStepThatThrowsFailsTheFuture() {
        Future<String> next = OnCaller.then(Future.succeededFuture("reply"), r -> {
            throw new IllegalStateException("broken");
        });
        assertThat(next.failed()).isTrue();
        assertThat(next.cause()).hasMessage("broken");
    }

    @Test
    void aLaterAnswerRunsTheNextStepWhenItComes() {
        Promise<String> later = Promise.promise();
        Future<Integer> next = OnCaller.then(later.future(), r -> Future.succeededFuture(r.length()));
        assertThat(next.isComplete()).isFalse();
        later.complete("reply");
        assertThat(next.result()).isEqualTo(5);
    }

    @Test
    void aFailedAnswerSkipsTheNextStep() {
        Future<Integer> next = OnCaller.then(Future.<String>failedFuture("down"), r -> Future.succeededFuture(1));
        assertThat(next.failed()).isTrue();
        assertThat(next.cause()).hasMessage("down");
    }
}
