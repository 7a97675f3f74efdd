package dev.freeport.cli;

import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code -c, --config FILE}, mixed into every command that reads a config, with one rule for which file: the one
 * given (after the command, or before it: {@code freeport --config FILE usage}), else {@code ./freeport.yaml} when
 * it exists, else none.
 */
final class ConfigOption {
    static final String DEFAULT_FILE = "freeport.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The gateway's config file (default: ./" + DEFAULT_FILE + " when it exists).")
    Path file;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    private final CliContext ctx;
    private FreeportConfig loaded;

    ConfigOption() {
        this(CliContext.SYSTEM);
    }

    ConfigOption(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The file given with --config here or before the command, or null. */
    Path given() {
        if (file != null) {
            return file;
        }
        return mixee != null && mixee.root().userObject() instanceof Main m ? m.config : null;
    }

    /** The config file in use, as the user would write it (for messages), if any. */
    Optional<Path> path() {
        Path g = given();
        if (g != null) {
            return Optional.of(g);
        }
        Path dflt = Path.of(DEFAULT_FILE);
        return Files.isRegularFile(ctx.resolve(dflt)) ? Optional.of(Path.of(".").resolve(dflt)) : Optional.empty();
    }

    /** The config in use, loaded once; null when there is none. An invalid one stops the command (exit 2). */
    FreeportConfig load() {
        if (loaded == null) {
            loaded = path().map(this::read).orElse(null);
        }
        return loaded;
    }

    /** The config in use; without one the command stops, saying what it needs it for. */
    FreeportConfig require(String why) {
        FreeportConfig c = load();
        if (c == null) {
            throw CliFailure.usage("no config: pass --config FILE, or run it where ./" + DEFAULT_FILE
                    + " is (" + why + ")");
        }
        return c;
    }

    /** Where the file's path resolves, for commands that hand it on (serve reloads it). */
    Path absolute() {
        return path().map(p -> ctx.resolve(p).toAbsolutePath().normalize()).orElse(null);
    }

    private FreeportConfig read(Path p) {
        if (!Files.exists(ctx.resolve(p))) {
            throw CliFailure.usage("no config file " + p);
        }
        try {
            return ConfigLoader.load(ctx.resolve(p), ctx.env());
        } catch (ConfigException e) {
            throw CliFailure.usage("the config " + p + " is not valid:\n" + e.getMessage());
        }
    }
}
