package dev.freeport.cli;

import dev.freeport.access.AccessModule;
import dev.freeport.cache.CacheModule;
import dev.freeport.adminlog.AdminLogModule;
import dev.freeport.config.FreeportConfig;
import dev.freeport.console.ConsoleModule;
import dev.freeport.front.responses.ResponsesModule;
import dev.freeport.lab.LabModule;
import dev.freeport.ledger.Ledger;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.observe.ObserveModule;
import dev.freeport.server.Gateway;
import dev.freeport.vendors.VendorsModule;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Starting a gateway from the CLI: shutdown hook (on SIGTERM/Ctrl-C a graceful drain within server.shutdown_grace,
 * then a ledger flush), SIGHUP reload.
 */
final class Launch {
    private Launch() {
    }

    static Gateway start(FreeportConfig cfg, Path configFile, Ledger ledger) {
        try {
            AtomicReference<Gateway> running = new AtomicReference<>();
            Gateway gateway = Gateway.start(cfg, configFile, ledger, vertx -> modules(vertx, cfg, ledger,
                    () -> running.get() == null ? cfg : running.get().runtime().config()));
            running.set(gateway);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway), "freeport-shutdown"));
            return gateway;
        } catch (IllegalStateException e) {
            System.err.println("freeport: " + e.getMessage());
            ledger.close();
            return null;
        }
    }

    /** The shutdown hook's drain; stderr directly, as the JVM stops logging while its shutdown hooks run. */
    private static void stop(Gateway gateway) {
        java.time.Duration grace = gateway.shutdownGrace();
        System.err.println("freeport: stopping; requests in flight get up to " + grace.toSeconds()
                + "s to finish (server.shutdown_grace)");
        Gateway.Stopped s = gateway.shutdown(grace);
        System.err.println("freeport: stopped in " + s.millis() + " ms: " + s.inFlight() + " requests were in flight"
                + (s.cancelled() > 0 ? ", " + s.cancelled() + " cancelled at the end of the grace period" : "")
                + (s.modelWaitMillis() > 0 ? "; waited " + s.modelWaitMillis() + " ms for the complexity model to "
                + "finish loading" : "") + (s.modelNotLoaded() ? "; the complexity model was not loaded" : "")
                + "; ledger flushed");
    }

    /**
     * The gateway's modules: rate limits and budgets, virtual keys and teams, the vendor kill switch, the
     * Responses API with its response store (embedded SQLite or the shared PostgreSQL store), the admin audit log,
     * the web console (over the running config, so its pages follow reloads), metrics and traces, the migration
     * lab, the response cache and the batch APIs. What opened before a failure is closed again.
     */
    static List<Module> modules(io.vertx.core.Vertx vertx, FreeportConfig cfg) {
        return modules(vertx, cfg, null, () -> cfg);
    }

    /**
     * As above, plus metrics and traces ({@code ObserveModule}) when the gateway's ledger is given, the console
     * reading the running config ({@code current}).
     */
    static List<Module> modules(io.vertx.core.Vertx vertx, FreeportConfig cfg, Ledger ledger,
                                Supplier<FreeportConfig> current) {
        List<Module> opened = new ArrayList<>();
        try {
            LimitsModule limits = LimitsModule.create(vertx, cfg, ledger);
            opened.add(limits);
            opened.add(AccessModule.open(vertx, cfg));
            opened.add(VendorsModule.open(vertx, cfg));
            opened.add(ResponsesModule.open(vertx, cfg));
            AdminLogModule adminLog = AdminLogModule.open(vertx, cfg);
            opened.add(adminLog);
            opened.add(ConsoleModule.open(vertx, current, Clock.systemUTC(), ConsoleModule.IDLE,
                    ConsoleModule.LIFETIME));
            if (ledger != null) {
                opened.add(ObserveModule.open(vertx, cfg, ledger, limits.use()));
            }
            opened.add(LabModule.open(vertx, cfg, adminLog, current));
            opened.add(CacheModule.open(vertx, cfg));
            dev.freeport.batch.BatchModule batches = dev.freeport.batch.BatchModule.open(vertx, cfg);
            opened.add(batches);
            limits.countHeld(batches::heldNanos); // native batches' holds survive a restart
            return opened;
        } catch (RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
            throw e;
        }
    }

    static FreeportConfig withPort(FreeportConfig c, int port) {
        return c.withServer(c.server().withPort(port));
    }

    static FreeportConfig withHost(FreeportConfig c, String host) {
        return c.withServer(c.server().withHost(host));
    }

    /**
     * Installs a SIGHUP handler where the JVM allows one (it does on Linux and macOS) and says whether it is active.
     * A process started with SIGHUP ignored ({@code nohup}, some supervisors) keeps it ignored: the JVM then skips
     * the handler silently and answers that the previous handler was SIG_IGN.
     *
     * @return null when SIGHUP now reloads, else why not
     */
    @SuppressWarnings("removal")
    static String onSighup(Runnable action) {
        try {
            sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> action.run());
            if (before == sun.misc.SignalHandler.SIG_IGN) {
                sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sun.misc.SignalHandler.SIG_IGN);
                return "SIGHUP was already ignored when the gateway started (nohup?)";
            }
            return null;
        } catch (Throwable t) {
            return "this JVM does not allow a SIGHUP handler (" + t.getMessage() + ")";
        }
    }
}
