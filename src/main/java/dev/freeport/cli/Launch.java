package dev.freeport.cli;

import dev.freeport.access.AccessModule;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.Ledger;
import dev.freeport.limits.LimitsModule;
import dev.freeport.module.Module;
import dev.freeport.server.Gateway;
import dev.freeport.vendors.VendorsModule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting a gateway from the CLI: shutdown hook (on SIGTERM/Ctrl-C a graceful drain within server.shutdown_grace,
 * then a ledger flush), SIGHUP reload.
 */
final class Launch {
    private Launch() {
    }

    static Gateway start(FreeportConfig cfg, Path configFile, Ledger ledger) {
        try {
            Gateway gateway = Gateway.start(cfg, configFile, ledger, vertx -> modules(vertx, cfg));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> gateway.shutdown(gateway.shutdownGrace()),
                    "freeport-shutdown"));
            return gateway;
        } catch (IllegalStateException e) {
            System.err.println("freeport: " + e.getMessage());
            ledger.close();
            return null;
        }
    }

    /**
     * The gateway's modules: rate limits and budgets, virtual keys and teams, and the vendor kill switch (embedded
     * SQLite or the shared PostgreSQL store). What opened before a failure is closed again.
     */
    static List<Module> modules(io.vertx.core.Vertx vertx, FreeportConfig cfg) {
        List<Module> opened = new ArrayList<>();
        try {
            opened.add(LimitsModule.create(vertx, cfg));
            opened.add(AccessModule.open(vertx, cfg));
            opened.add(VendorsModule.open(vertx, cfg));
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

    /** Installs a SIGHUP handler where the JVM allows one (it does on Linux and macOS). */
    @SuppressWarnings("removal")
    static void onSighup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> action.run());
        } catch (Throwable t) {
            System.err.println("freeport: SIGHUP reload unavailable here (" + t.getMessage()
                    + "); use POST /admin/reload");
        }
    }
}
