package dev.freeport.cli;

import dev.freeport.config.ConfigCheck;
import dev.freeport.config.ConfigException;
import dev.freeport.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code freeport config check FILE}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with config files.",
        subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a config file; print a summary, or every problem with its line.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The YAML config file.")
        Path file;

        @Override
        public Integer call() {
            try {
                var cfg = ConfigLoader.load(file);
                System.out.println(file + ": OK");
                System.out.println(ConfigCheck.render(cfg));
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
