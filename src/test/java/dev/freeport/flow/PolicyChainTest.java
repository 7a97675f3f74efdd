package dev.freeport.flow;

import dev.freeport.caller.Principal;
import dev.freeport.error.GatewayError;
import dev.freeport.policy.Admission;
import dev.freeport.policy.Outcome;
import dev.freeport.policy.Policy;
import dev.freeport.policy.PromptTokens;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy chain's admission: in order, what was taken given back on a refusal, nothing made when all answer at once. */
class PolicyChainTest {
    private static final Admission ADMISSION = new Admission("r1", Principal.ANONYMOUS, "a", null, List.of(),
            PromptTokens.exactly(10), 0, false);

    private static Policy admitting(Policy.Ticket ticket) {
        return a -> Future.succeededFuture(ticket);
    }

    @Test
    void policiesThatAnswerAtOnceAdmitWithAFutureAlreadyCompleteAndNoPromise() {
        Policy.Ticket t = outcome -> { };
        PolicyChain chain = new PolicyChain(List.of(admitting(t), admitting(t)));
        List<Policy.Ticket> held = new ArrayList<>(2);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200_000; i++) {
            held.clear();
            chain.admit(ADMISSION, held);
        }
        int n = 200_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            held.clear();
            chain.admit(ADMISSION, held);
        }
        long perAdmission = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("policy chain: %d bytes allocated per admission through two policies%n", perAdmission);
        assertThat(chain.admit(ADMISSION, held).succeeded()).isTrue();
        // the policies' own two futures (24 bytes each, made by the test's policies): 26-48 bytes measured; a
        // promise per admission with its future and listener measured 72
        assertThat(perAdmission).isLessThan(64);
    }

    @Test
    void aRefusalGivesBackWhatTheEarlierPoliciesTookAndFailsWithItsError() {
        List<Outcome> settled = new ArrayList<>();
        Policy refusing = a -> Future.failedFuture(GatewayError.of(dev.freeport.error.ErrorKind.RATE_LIMITED, "slow down")
                .toException());
        PolicyChain chain = new PolicyChain(List.of(admitting(settled::add), refusing));
        List<Policy.Ticket> held = new ArrayList<>();
        Future<Void> admitted = chain.admit(ADMISSION, held);
        assertThat(admitted.failed()).isTrue();
        assertThat(admitted.cause()).hasMessageContaining("slow down");
        assertThat(held).isEmpty();
        assertThat(settled).containsExactly(Outcome.NOTHING);
    }

    @Test
    void aPolicyThatAnswersLaterHoldsTheRestOfTheChainUntilItDoes() {
        io.vertx.core.Promise<Policy.Ticket> later = io.vertx.core.Promise.promise();
        List<String> asked = new ArrayList<>();
        PolicyChain chain = new PolicyChain(List.of(a -> later.future(), a -> {
            asked.add("second");
            return Future.succeededFuture(o -> { });
        }));
        List<Policy.Ticket> held = new ArrayList<>();
        Future<Void> admitted = chain.admit(ADMISSION, held);
        assertThat(admitted.isComplete()).isFalse();
        assertThat(asked).isEmpty();
        later.complete(o -> { });
        assertThat(admitted.succeeded()).isTrue();
        assertThat(asked).containsExactly("second");
        assertThat(held).hasSize(2);
    }
}
