package dev.freeport.cli;

import dev.freeport.config.ConfigCheck;
import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code freeport config check [FILE]}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with config files.",
        subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads the file as {@code serve} would (same environment, same rules) and prints a summary or every problem. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a config file; print a summary, or every problem with its line.")
    static final class Check extends CliCommand {
        @Parameters(arity = "0..1", paramLabel = "FILE",
                description = "The YAML config file (default: --config, else ./freeport.yaml).")
        Path file;

        @Mixin
        ConfigOption config;

        private final CliContext ctx;

        Check() {
            this(CliContext.SYSTEM);
        }

        Check(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        int execute() {
            Path p = file != null ? file : config.path().orElseThrow(() -> CliFailure.usage(
                    "which file? freeport config check FILE (or run it where ./" + ConfigOption.DEFAULT_FILE + " is)"));
            FreeportConfig cfg;
            try {
                cfg = ConfigLoader.load(ctx.resolve(p), ctx.env());
            } catch (ConfigException e) {
                err().println(e.getMessage());
                return 2;
            }
            out().println(p + ": OK");
            out().println(ConfigCheck.render(cfg));
            return 0;
        }
    }
}
