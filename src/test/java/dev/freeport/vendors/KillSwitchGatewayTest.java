package dev.freeport.vendors;

import dev.freeport.config.SandboxModelConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue end to end: two gateways over one store; the switch flipped through one gateway's admin API moves the
 * other's new requests to the fallback within a second, a request in flight finishes, and re-enabling moves them
 * back. Alias "smart": an OpenAI target (vendor openai), then a sandbox target (vendor self).
 */
class KillSwitchGatewayTest {
    private static final String ADMIN = "adm";
    private static final String HELLO = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"smart\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path shared;

    private FakeUpstream openai;
    private TestGateway a;
    private TestGateway b;

    private TestGateway gateway() {
        return TestGateway.builder().openai("oa", openai.baseUrl())
                .sandbox("sb", Map.of("fast", new SandboxModelConfig(0, 100000, 16, 0, 0, 0, 8, 1)))
                .alias("smart", "oa/gpt-4o-mini", "sb/fast").adminKey(ADMIN)
                .modules(vx -> {
                    VendorsModule m = VendorsModule.open(vx, VendorSwitchStore.sqlite(shared),
                            VendorSwitchBoard.REFRESH_EVERY);
                    return List.of(m);
                }).start();
    }

    @BeforeEach
    void start() {
        openai = FakeUpstream.start();
        openai.setDefault(Reply.ok("from openai"));
        a = gateway();
        b = gateway();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        openai.close();
    }

    private static String provider(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-freeport-provider").orElseThrow();
    }

    /** Milliseconds until gateway {@code gw} answers "smart" from {@code wanted}; fails after 5 s. */
    private static long millisUntilServedBy(TestGateway gw, String wanted) throws InterruptedException {
        long start = System.nanoTime();
        while (!provider(gw.post("/v1/chat/completions", HELLO)).equals(wanted)) {
            assertThat(System.nanoTime() - start).as("still not served by " + wanted).isLessThan(5_000_000_000L);
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void disableOnOneGatewayMovesTheOthersTrafficToTheFallbackWithinOneSecondAndEnableMovesItBack()
            throws Exception {
        assertThat(provider(b.post("/v1/chat/completions", HELLO))).isEqualTo("oa");
        assertThat(a.call("POST", "/admin/vendors/openai/disable", "{\"reason\":\"incident\"}",
                "authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(200);
        assertThat(millisUntilServedBy(b, "sb")).isLessThan(1000);
        int seen = openai.requests().size();
        for (int i = 0; i < 5; i++) {
            assertThat(provider(b.post("/v1/chat/completions", HELLO))).isEqualTo("sb");
        }
        assertThat(openai.requests()).hasSize(seen);

        assertThat(a.call("POST", "/admin/vendors/openai/enable", null, "authorization", "Bearer " + ADMIN)
                .statusCode()).isEqualTo(200);
        assertThat(millisUntilServedBy(b, "oa")).isLessThan(1000);
    }

    @Test
    void aStreamInFlightWhenItsVendorIsDisabledFinishes() throws Exception {
        openai.setDefault(Reply.ok("one two three four five six seven eight").chunkDelay(Duration.ofMillis(100)));
        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(a.base() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(STREAM)).build(),
                HttpResponse.BodyHandlers.ofString());
        openai.awaitRequests(1, Duration.ofSeconds(5));
        assertThat(a.call("POST", "/admin/vendors/openai/disable", null, "authorization", "Bearer " + ADMIN)
                .statusCode()).isEqualTo(200);
        assertThat(provider(a.post("/v1/chat/completions", HELLO))).isEqualTo("sb");
        assertThat(inFlight).isNotDone();

        HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-freeport-provider")).hasValue("oa");
        assertThat(String.join("", TestGateway.sseData(r.body()))).contains("eight").contains("[DONE]");
    }

    @Test
    void everyVendorOfAnAliasOffIsA503NamingTheSwitch() {
        a.call("POST", "/admin/vendors/openai/disable", null, "authorization", "Bearer " + ADMIN);
        a.call("POST", "/admin/vendors/self/disable", null, "authorization", "Bearer " + ADMIN);
        HttpResponse<String> r = a.post("/v1/chat/completions", HELLO);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("vendor_disabled");
    }
}
