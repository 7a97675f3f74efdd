package dev.freeport.cli;

import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code freeport serve --config FILE}: run the gateway until stopped; SIGHUP reloads the config. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway with a config file. SIGHUP (or POST /admin/reload) reloads the file.")
final class ServeCommand implements Callable<Integer> {
    static volatile boolean serving;

    @Option(names = {"-c", "--config"}, required = true, description = "The YAML config file.")
    Path config;

    @Option(names = "--port", description = "Override server.port.")
    Integer port;

    @Override
    public Integer call() {
        FreeportConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println("freeport: the config is not valid:");
            System.err.println(e.getMessage());
            return 2;
        }
        if (port != null) {
            cfg = Launch.withPort(cfg, port);
        }
        JournaledLedger ledger;
        try {
            ledger = JournaledLedger.open(cfg.ledger(), cfg.store());
        } catch (RuntimeException e) {
            System.err.println("freeport: cannot open the ledger: " + e.getMessage());
            return 1;
        }
        Gateway gateway = Launch.start(cfg, config.toAbsolutePath(), ledger);
        if (gateway == null) {
            return 1;
        }
        Launch.onSighup(() -> gateway.reload().onComplete(done -> {
            if (done.failed()) {
                System.err.println("freeport: reload refused, the running config stays: " + done.cause().getMessage());
            }
        }));
        System.out.println("freeport listening on http://" + cfg.server().host() + ":" + gateway.port()
                + "  (" + cfg.models().size() + " models; ledger in " + cfg.ledger().dataDir() + ")");
        serving = true;
        return 0;
    }
}
