package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.caller.Principal;
import dev.freeport.lab.LabModule;
import dev.freeport.module.Module;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Shadow traffic is paid from the alias's shadow budget: a caller's budget sees only the caller's requests. */
class ShadowSpendTest {
    FakeUpstream inc = FakeUpstream.start();
    FakeUpstream cand = FakeUpstream.start();
    TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        inc.close();
        cand.close();
    }

    @Test
    void shadowRequestsNeverCountAgainstTheCallersBudget() {
        inc.setDefault(Reply.ok("hi").usage(10, 100));   // $0.10 at $1000 per million output tokens
        cand.setDefault(Reply.ok("hi").usage(10, 100));  // $1.00 at $10000 per million output tokens
        Budget budget = LimitsHarness.hardUsd("0.30", Budget.Period.DAY);
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE, budget, Limits.NONE, null);
        AtomicReference<LimitsModule> limits = new AtomicReference<>();
        AtomicReference<LabModule> lab = new AtomicReference<>();
        gw = TestGateway.fromYamlWithConfig("providers:\n"
                + "  inc: { type: openai, base_url: " + inc.baseUrl() + " }\n"
                + "  cand: { type: openai, base_url: " + cand.baseUrl() + " }\n"
                + """
                models:
                  - name: m
                    targets: [ { provider: inc, model: big, price: { input: 0, output: 1000 } } ]
                    shadow: { targets: [ cheap ], sample: 1, budget: 100usd/day }
                  - name: cheap
                    targets: [ { provider: cand, model: small, price: { input: 0, output: 10000 } } ]
                """, (vx, cfg) -> {
            limits.set(LimitsModule.create(vx, cfg, Clock.systemUTC(), SpendBaseline.ZERO));
            lab.set(LabModule.open(vx, cfg));
            return List.of(Module.authenticating(c -> presented -> LimitsHarness.KEY.equals(presented)
                    ? Future.succeededFuture(p) : Future.failedFuture(MasterKeyAuthenticator.wrongKey().toException())),
                    limits.get(), lab.get());
        });

        for (int i = 0; i < 3; i++) {
            assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(200);
            int n = i + 1;
            LimitsHarness.eventually(() -> lab.get().store().results("m", 0).size() == n);
        }
        assertThat(LimitsHarness.post(gw, LimitsHarness.chat(false, 100)).statusCode()).isEqualTo(429);

        BudgetLine key = BudgetLine.of("key:k1", "key fp-k1", budget, Clock.systemUTC().instant());
        assertThat(LimitsHarness.await(limits.get().counters().budgetState(key)))
                .isEqualTo(new Counters.BudgetState(3 * LimitsHarness.REQUEST_COST, 0));
        assertThat(lab.get().store().results("m", 0)).allSatisfy(r ->
                assertThat(r.answer().costNanos()).isEqualTo(10 * LimitsHarness.REQUEST_COST));
    }
}
