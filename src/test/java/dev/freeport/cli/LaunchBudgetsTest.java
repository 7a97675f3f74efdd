package dev.freeport.cli;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.PriceConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.LedgerPrune;
import dev.freeport.server.Gateway;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budgets hold across a restart of the gateway as {@code freeport serve} builds it: the in-process counters start
 * from the ledger's spend of the current period. Output is priced $1000 per million tokens and the fake upstream
 * answers 100 output tokens, so each request with max_tokens 100 reserves and costs $0.10.
 */
class LaunchBudgetsTest {
    private static final PriceConfig PRICE = new PriceConfig(BigDecimal.ZERO, new BigDecimal("1000"), null, null,
            null);
    private static final String CHAT = "{\"model\":\"m\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hello\"}]}";

    @TempDir
    Path dir;
    private final FakeUpstream up = FakeUpstream.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        up.close();
    }

    private FreeportConfig config() {
        return TestGateway.builder().openai("fake", up.baseUrl()).pricedAlias("m", PRICE, "fake/gpt-test")
                .adminKey("adm").requireKeys().config(dir);
    }

    private static Gateway start(FreeportConfig cfg) {
        JournaledLedger ledger = JournaledLedger.open(cfg.ledger(), cfg.store());
        return Gateway.start(cfg, null, ledger, vx -> Launch.modules(vx, cfg, ledger, () -> cfg));
    }

    private HttpResponse<String> send(Gateway g, String method, String path, String bearer, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path))
                .header("authorization", "Bearer " + bearer).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Starts a gateway, makes a key with a $0.20 budget of {@code period}, spends it with two requests (a third is
     * refused when {@code checkRefused}) and stops the gateway; returns the key's secret.
     */
    private String spendTwice(FreeportConfig cfg, String period, boolean checkRefused) throws Exception {
        up.setDefault(Reply.ok("hi").usage(10, 100));
        Gateway g = start(cfg);
        try {
            HttpResponse<String> created = send(g, "POST", "/admin/keys", "adm",
                    "{\"name\":\"spender\",\"budget\":{\"amount_usd\":0.2,\"period\":\"" + period + "\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String secret = TestGateway.json(created.body()).path("secret").asText();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = send(g, "POST", "/v1/chat/completions", secret, CHAT);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            if (checkRefused) {
                HttpResponse<String> over = send(g, "POST", "/v1/chat/completions", secret, CHAT);
                assertThat(over.statusCode()).as(over.body()).isEqualTo(429);
            }
            return secret;
        } finally {
            g.close();
        }
    }

    @Test
    void aKeyThatSpentItsDailyBudgetIsRefusedAfterARestart() throws Exception {
        FreeportConfig cfg = config();
        String secret = spendTwice(cfg, "day", true);

        Gateway again = start(cfg);
        try {
            HttpResponse<String> r = send(again, "POST", "/v1/chat/completions", secret, CHAT);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            assertThat(TestGateway.json(r.body()).path("error").path("code").asText()).isEqualTo("budget_exceeded");
            assertThat(r.body()).contains("$0.20 is spent");
            assertThat(up.requests()).hasSize(2);
        } finally {
            again.close();
        }
    }

    @Test
    void aBudgetsSpendIsLoadedFromTheLedgerAtStartBeforeItsKeysFirstRequest() throws Exception {
        FreeportConfig cfg = config();
        up.setDefault(Reply.ok("hi").usage(10, 100));
        Gateway g = start(cfg);
        String id;
        try {
            HttpResponse<String> created = send(g, "POST", "/admin/keys", "adm",
                    "{\"name\":\"spender\",\"budget\":{\"amount_usd\":5,\"period\":\"day\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = TestGateway.json(created.body()).path("id").asText();
            String secret = TestGateway.json(created.body()).path("secret").asText();
            for (int i = 0; i < 2; i++) {
                assertThat(send(g, "POST", "/v1/chat/completions", secret, CHAT).statusCode()).isEqualTo(200);
            }
        } finally {
            g.close();
        }

        Gateway again = start(cfg);
        try {
            // no request yet: the metrics show what the policies have seen, which is now what start loaded
            HttpResponse<String> metrics = send(again, "GET", "/metrics", "adm", "");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("freeport_budget_spent_usd{period=\"day\",subject=\"key:" + id
                    + "\"} 0.2");
            HttpResponse<String> state = send(again, "GET", "/admin/limits/budgets?lines=key:" + id + ":day", "adm",
                    "");
            assertThat(TestGateway.json(state.body()).path("data").path(0).path("spent_nanos").asLong())
                    .as(state.body()).isEqualTo(200_000_000L);
            assertThat(up.requests()).hasSize(2);
        } finally {
            again.close();
        }
    }

    @Test
    void aTotalBudgetStaysSpentAfterRetentionPrunedItsEventsAndARestart() throws Exception {
        FreeportConfig cfg = config();
        String secret = spendTwice(cfg, "total", false);
        Thread.sleep(5);
        LedgerPrune.Result pruned = LedgerPrune.run(cfg.ledger().dataDir(), cfg.store(), cfg.ledger(),
                java.time.Duration.ofMillis(1), false, false);
        assertThat(pruned.deleted()).isGreaterThanOrEqualTo(2);

        Gateway again = start(cfg);
        try {
            HttpResponse<String> r = send(again, "POST", "/v1/chat/completions", secret, CHAT);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            assertThat(r.body()).contains("$0.20 is spent");
            assertThat(up.requests()).hasSize(2);
        } finally {
            again.close();
        }
    }
}
