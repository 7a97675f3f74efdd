package dev.freeport.limits;

import dev.freeport.adminlog.AdminLogModule;
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

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A budget reserves for the most expensive target a request may end on, not only the alias's own: alias
 * {@code cheap} ($1 per million output tokens: max_tokens 100 reserves $0.0001) reaches alias {@code pricey}
 * ($1000 per million: $0.10) as a fallback alias or as its canary's candidate, so a key with $0.05 left must be
 * refused before any upstream is called.
 */
class ReachableReservationTest {
    private final FakeUpstream cheapUp = FakeUpstream.start();
    private final FakeUpstream priceyUp = FakeUpstream.start();
    private TestGateway gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
        cheapUp.close();
        priceyUp.close();
    }

    private TestGateway start(String cheapExtra, boolean lab) {
        Principal p = LimitsHarness.principal("k1", null, Limits.NONE,
                LimitsHarness.hardUsd("0.05", Budget.Period.DAY), Limits.NONE, null);
        return TestGateway.fromYamlWithConfig("providers:\n"
                + "  c: { type: openai, base_url: " + cheapUp.baseUrl() + ", api_key: test }\n"
                + "  p: { type: openai, base_url: " + priceyUp.baseUrl() + ", api_key: test }\n"
                + "models:\n"
                + "  - name: cheap\n"
                + "    targets: [ { provider: c, model: small, price: { input: 0, output: 1 } } ]\n"
                + cheapExtra
                + "  - name: pricey\n"
                + "    targets: [ { provider: p, model: big, price: { input: 0, output: 1000 } } ]\n", (vx, cfg) -> {
                    List<Module> modules = new ArrayList<>();
                    modules.add(Module.authenticating(c -> presented -> LimitsHarness.KEY.equals(presented)
                            ? Future.succeededFuture(p)
                            : Future.failedFuture(MasterKeyAuthenticator.wrongKey().toException())));
                    modules.add(LimitsModule.create(vx, cfg));
                    if (lab) {
                        AdminLogModule log = AdminLogModule.open(vx, cfg);
                        modules.add(log);
                        modules.add(LabModule.open(vx, cfg, log));
                    }
                    return modules;
                });
    }

    private HttpResponse<String> ask() {
        return gw.post("/v1/chat/completions", "{\"model\":\"cheap\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", "authorization", "Bearer "
                + LimitsHarness.KEY);
    }

    @Test
    void aFallbackAliasPricierThanTheBudgetLeftIsReservedForAndRefused() {
        cheapUp.setDefault(Reply.status(500));
        priceyUp.setDefault(Reply.ok("expensive answer").usage(5, 100));
        gw = start("    fallbacks: [ pricey ]\n", false);
        HttpResponse<String> r = ask();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(LimitsHarness.code(r)).isEqualTo("budget_exceeded");
        assertThat(cheapUp.requests()).isEmpty();
        assertThat(priceyUp.requests()).isEmpty();
    }

    @Test
    void aCanaryCandidatePricierThanTheBudgetLeftIsReservedForAndRefused() {
        priceyUp.setDefault(Reply.ok("expensive answer").usage(5, 100));
        gw = start("", true);
        HttpResponse<String> c = gw.post("/admin/migrate/canary",
                "{\"alias\":\"cheap\",\"to\":\"pricey\",\"share\":\"100%\",\"min_requests\":1000}");
        assertThat(c.statusCode()).as(c.body()).isEqualTo(200);
        HttpResponse<String> r = ask();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(LimitsHarness.code(r)).isEqualTo("budget_exceeded");
        assertThat(priceyUp.requests()).isEmpty();
    }

    @Test
    void aRequestThatFitsEveryReachableTargetIsAdmittedAndChargedItsRealCost() {
        cheapUp.setDefault(Reply.ok("cheap answer").usage(5, 100));
        gw = start("    fallbacks: [ pricey ]\n", false);
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"cheap\",\"max_tokens\":40,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", "authorization", "Bearer "
                + LimitsHarness.KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(priceyUp.requests()).isEmpty();
    }
}
