package dev.freeport.console;

import dev.freeport.access.AccessModule;
import dev.freeport.access.KeyStore;
import dev.freeport.adminlog.AdminLogModule;
import dev.freeport.adminlog.AdminLogStore;
import dev.freeport.config.ConfigLoader;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import dev.freeport.vendors.VendorSwitchBoard;
import dev.freeport.vendors.VendorSwitchStore;
import dev.freeport.vendors.VendorsModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A gateway with the console for the console's tests: alias "smart" goes to a fake OpenAI-compatible upstream of
 * vendor openai first, then to one of vendor deepseek (both priced), with budgets and rate limits (in-process
 * counters), the kill switch, virtual keys and teams, the admin log, and admin key {@value #ADMIN}. The console's clock can be
 * moved (session expiry).
 */
final class ConsoleGateway implements AutoCloseable {
    static final String ADMIN = "adm-console-test";
    static final String HELLO = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    final FakeUpstream us = FakeUpstream.start();
    final FakeUpstream cn = FakeUpstream.start();
    final MovingClock clock = new MovingClock();
    final TestGateway gw;

    ConsoleGateway(Duration idle, Duration lifetime) {
        us.setDefault(Reply.ok("from openai"));
        cn.setDefault(Reply.ok("from deepseek"));
        Path stores;
        try {
            stores = Files.createTempDirectory("freeport-console");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicReference<TestGateway> self = new AtomicReference<>();
        String yaml = "providers:\n"
                + "  usapi: { type: openai, base_url: " + us.baseUrl() + ", vendor: openai }\n"
                + "  cnapi: { type: openai, base_url: " + cn.baseUrl() + ", vendor: deepseek }\n"
                + "models:\n  - name: smart\n    targets: [ usapi/gpt-4o, cnapi/deepseek-chat ]\n"
                + "  - name: mystery\n    targets: [ usapi/unpriced-model ]\n"
                + "prices:\n  \"usapi/gpt-4o\": { input: 2.5, output: 10 }\n"
                + "  \"cnapi/deepseek-chat\": { input: 0.28, output: 0.42 }\n";
        gw = TestGateway.fromYaml("admin_key: " + ADMIN, yaml, vx -> List.<Module>of(
                LimitsModule.create(vx, ConfigLoader.parse(yaml, "console-test", java.util.Map.of())),
                AdminLogModule.open(vx, AdminLogStore.open(dev.freeport.config.StoreConfig.EMBEDDED, stores)),
                AccessModule.open(vx, KeyStore.sqlite(stores), Clock.systemUTC()),
                VendorsModule.open(vx, VendorSwitchStore.sqlite(stores), VendorSwitchBoard.REFRESH_EVERY),
                ConsoleModule.open(vx, () -> self.get().gateway().runtime().config(), clock, idle, lifetime)));
        self.set(gw);
    }

    ConsoleGateway() {
        this(ConsoleModule.IDLE, ConsoleModule.LIFETIME);
    }

    String base() {
        return gw.base();
    }

    /** Sends "hi" to alias smart (with a virtual key's secret when given) and answers which provider served it. */
    String ask(String secret) {
        HttpResponse<String> r = secret == null ? gw.post("/v1/chat/completions", HELLO)
                : gw.post("/v1/chat/completions", HELLO, "authorization", "Bearer " + secret);
        if (r.statusCode() != 200) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        return r.headers().firstValue("x-freeport-provider").orElseThrow();
    }

    /** Sends "hi" to alias smart and answers the request's id (x-freeport-request-id). */
    String askForId() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", HELLO);
        if (r.statusCode() != 200) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        return r.headers().firstValue("x-freeport-request-id").orElseThrow();
    }

    /** An admin API call with the admin key. */
    HttpResponse<String> admin(String method, String path, String json) {
        return gw.call(method, path, json, "authorization", "Bearer " + ADMIN);
    }

    /** The sum of every ledger event's cost, as the console shows it ("$" + exact decimal). */
    String totalSpend() {
        long nanos = gw.events().stream().mapToLong(dev.freeport.ledger.UsageEvent::costNanos).sum();
        return "$" + dev.freeport.catalog.PriceCatalog.formatUsd(nanos);
    }

    @Override
    public void close() {
        gw.close();
        us.close();
        cn.close();
    }

    /** The system clock, which tests can move forward. */
    static final class MovingClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration d) {
            ahead = ahead.plus(d);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
