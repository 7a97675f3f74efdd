package dev.freeport.vendors;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill switch under load: eight clients keep sending (half streams, half not) while the vendor of the first
 * target is switched off through the store, as {@code freeport vendor disable} does, and back on. No client sees
 * an error, every stream ends with [DONE], and a second after the switch the disabled vendor gets nothing new.
 */
class KillSwitchUnderLoadTest {
    private static final String ASK = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    @TempDir
    Path storeDir;
    FakeUpstream cn;
    FakeUpstream us;
    TestGateway gw;
    VendorSwitchStore cli;

    @BeforeEach
    void start() {
        cn = FakeUpstream.start();
        us = FakeUpstream.start();
        cn.setDefault(Reply.ok("from deepseek in a few words").chunkDelay(Duration.ofMillis(15)));
        us.setDefault(Reply.ok("from openai in a few words").chunkDelay(Duration.ofMillis(15)));
        gw = TestGateway.fromYaml("providers:\n"
                + "  cnapi: { type: openai, base_url: " + cn.baseUrl() + ", vendor: deepseek }\n"
                + "  usapi: { type: openai, base_url: " + us.baseUrl() + ", vendor: openai }\n"
                + "models:\n  - name: m\n    targets: [ cnapi/v3, usapi/gpt ]\n", vx -> {
                    VendorsModule m = VendorsModule.open(vx, VendorSwitchStore.sqlite(storeDir),
                            VendorSwitchBoard.REFRESH_EVERY);
                    return List.<dev.freeport.module.Module>of(m);
                });
        cli = VendorSwitchStore.sqlite(storeDir);
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        cli.close();
        cn.close();
        us.close();
    }

    @Test
    void switchingAVendorOffAndOnUnderLoadLosesNoRequest() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            boolean stream = c % 2 == 0;
            clients.add(pool.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> r = gw.post("/v1/chat/completions", stream ? STREAM : ASK);
                    sent.incrementAndGet();
                    if (r.statusCode() != 200 || stream && !r.body().contains("data: [DONE]")) {
                        failures.add(r.statusCode() + " " + r.body());
                    }
                }
            }));
        }
        Thread.sleep(700);
        cli.set("deepseek", true, "drill", "test");
        long switchedAt = System.nanoTime();
        Thread.sleep(1000);
        int cnAfterASecond = cn.requests().size();
        Thread.sleep(800);
        int cnLater = cn.requests().size();
        int usBeforeEnable = us.requests().size();
        cli.set("deepseek", false, "over", "test");
        Thread.sleep(1200);
        running.set(false);
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();

        assertThat(failures).as("client errors").isEmpty();
        assertThat(sent.get()).isGreaterThan(40);
        assertThat(cnAfterASecond).as("deepseek served before the switch").isPositive();
        assertThat(cnLater).as("nothing new reaches deepseek a second after the switch").isEqualTo(cnAfterASecond);
        assertThat(usBeforeEnable).as("the fallback took the traffic").isPositive();
        assertThat(cn.requests().size()).as("re-enabled: deepseek serves again").isGreaterThan(cnLater);
        assertThat(System.nanoTime() - switchedAt).isGreaterThan(Duration.ofSeconds(2).toNanos());
    }
}
