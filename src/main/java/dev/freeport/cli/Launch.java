package dev.freeport.cli;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ServerConfig;
import dev.freeport.access.AccessModule;
import dev.freeport.limits.LimitsModule;
import dev.freeport.gateway.Extensions;
import dev.freeport.gateway.Gateway;
import dev.freeport.ledger.Ledger;
import dev.freeport.vendors.VendorsModule;

import java.nio.file.Path;

/** Starting a gateway from the CLI: shutdown hook (clean ledger flush on SIGTERM/Ctrl-C), SIGHUP reload. */
final class Launch {
    private Launch() {
    }

    static Gateway start(FreeportConfig cfg, Path configFile, Ledger ledger) {
        try {
            Gateway gateway = Gateway.start(cfg, configFile, ledger, vertx -> extensions(vertx, cfg));
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "freeport-shutdown"));
            return gateway;
        } catch (IllegalStateException e) {
            System.err.println("freeport: " + e.getMessage());
            ledger.close();
            return null;
        }
    }

    /**
     * Virtual keys and teams and the vendor kill switch (embedded SQLite or the shared PostgreSQL store), and the
     * policies.
     */
    static Extensions extensions(io.vertx.core.Vertx vertx, FreeportConfig cfg) {
        LimitsModule limits = LimitsModule.create(vertx, cfg);
        AccessModule access;
        VendorsModule vendors;
        try {
            access = AccessModule.open(vertx, cfg);
        } catch (RuntimeException e) {
            limits.close();
            throw e;
        }
        try {
            vendors = VendorsModule.open(vertx, cfg);
        } catch (RuntimeException e) {
            try (access; limits) {
                throw e;
            }
        }
        return new Extensions(access.authenticators(), limits.policies(), () -> {
            try (access; limits; vendors) {
                // all closed with the gateway
            }
        }, access.admin(), vendors);
    }

    static FreeportConfig withPort(FreeportConfig c, int port) {
        ServerConfig s = c.server();
        return c.withServer(new ServerConfig(s.host(), port, s.masterKey(), s.adminKey(), s.maxBodyBytes()));
    }

    static FreeportConfig withHost(FreeportConfig c, String host) {
        ServerConfig s = c.server();
        return c.withServer(new ServerConfig(host, s.port(), s.masterKey(), s.adminKey(), s.maxBodyBytes()));
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
