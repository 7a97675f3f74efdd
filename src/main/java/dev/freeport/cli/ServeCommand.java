package dev.freeport.cli;

import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code freeport serve [--config FILE]}: run the gateway until stopped; SIGHUP reloads the config. The file is the
 * one given, else ./freeport.yaml; without either it stops and points at {@code freeport demo}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway with a config file. SIGHUP (or POST /admin/reload) reloads the file.")
final class ServeCommand extends CliCommand {
    static volatile boolean serving;

    @Mixin
    ConfigOption config;

    @Option(names = "--port", description = "Override server.port.")
    Integer port;

    @Override
    int execute() {
        FreeportConfig cfg = config.load();
        if (cfg == null) {
            throw CliFailure.usage("no config: pass --config FILE, or run it where ./" + ConfigOption.DEFAULT_FILE
                    + " is (a commented example: examples/freeport.yaml); `freeport demo` runs without one, on"
                    + " built-in simulated models");
        }
        if (port != null) {
            cfg = Launch.withPort(cfg, port);
        }
        if (cfg.server().openBeyondLoopback() && !cfg.server().allowOpen()) {
            throw CliFailure.usage("refusing to listen on " + cfg.server().host() + " with no key required on /v1:"
                    + " anyone who can reach it could spend your provider keys. Set server.master_key (or"
                    + " server.require_keys: true with virtual keys), listen on 127.0.0.1, or set"
                    + " server.allow_open: true if this is really meant");
        }
        JournaledLedger ledger;
        try {
            ledger = JournaledLedger.open(cfg.ledger(), cfg.store());
        } catch (RuntimeException e) {
            throw CliFailure.failed("cannot open the ledger: " + e.getMessage());
        }
        Gateway gateway = Launch.start(cfg, config.absolute(), ledger);
        if (gateway == null) {
            return 1;
        }
        String noReload = Launch.onSighup(() -> gateway.reloadBySignal().onComplete(done -> {
            if (done.failed()) {
                System.err.println("freeport: reload refused, the running config stays: " + done.cause().getMessage());
            }
        }));
        out().println(noReload == null ? "freeport: SIGHUP reloads " + config.path().orElseThrow()
                : "freeport: SIGHUP reload is off: " + noReload + "; reload with POST /admin/reload, or start the"
                + " gateway without nohup (e.g. under systemd or setsid)");
        out().println("freeport listening on " + (cfg.server().tls() != null ? "https://" : "http://")
                + cfg.server().host() + ":" + gateway.port()
                + "  (" + cfg.models().size() + " models from " + config.path().orElseThrow() + "; ledger in "
                + cfg.ledger().dataDir() + ")");
        serving = true;
        return 0;
    }
}
