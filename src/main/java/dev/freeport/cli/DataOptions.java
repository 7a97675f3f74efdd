package dev.freeport.cli;

import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --data-dir DIR} and {@code --demo}, mixed into the commands that read the ledger or the switch store
 * (usage, explain, drill, audit, vendor), next to {@link ConfigOption}. One rule: --data-dir, else the config's
 * ledger.data_dir, else ./freeport-data; {@code --demo} means the built-in demo's config and the folder
 * {@code freeport demo} writes to, from any directory.
 */
final class DataOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The ledger's directory (default: the config's ledger.data_dir, else ./freeport-data).")
    Path dataDir;

    @Option(names = "--demo", description = "Use what `freeport demo` runs: its aliases and its data dir "
            + "(--data-dir if the demo was given one).")
    boolean demo;

    private final CliContext ctx;

    DataOptions() {
        this(CliContext.SYSTEM);
    }

    DataOptions(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Where to read: the demo's, or the config's (if any) with --data-dir over its ledger.data_dir. */
    LedgerSource source(ConfigOption config) {
        if (demo) {
            if (config.given() != null) {
                throw CliFailure.usage("--demo uses the demo's own config; leave out --config " + config.given());
            }
            Path dir = dataDir != null ? ctx.resolve(dataDir) : ctx.demoDataDir();
            FreeportConfig cfg = ConfigLoader.demo(0, dir);
            return new LedgerSource(cfg, Files.isDirectory(dir) ? dir : null, StoreConfig.EMBEDDED, dir,
                    "(run `freeport demo` first)");
        }
        FreeportConfig cfg = config.load();
        StoreConfig store = cfg == null ? StoreConfig.EMBEDDED : cfg.store();
        Path dir = dataDir != null ? ctx.resolve(dataDir)
                : cfg != null ? cfg.ledger().dataDir() : ctx.resolve(Path.of("freeport-data"));
        return new LedgerSource(cfg, Files.isDirectory(dir) ? dir : null, store, dir,
                "(run the gateway first, or pass --data-dir / --config; --demo for the demo's)");
    }
}
