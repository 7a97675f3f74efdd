package dev.freeport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar. */
@Command(name = "freeport", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Freeport: an open, self-hosted, multi-vendor LLM gateway.",
        subcommands = {ServeCommand.class, DemoCommand.class, ConfigCommand.class, UsageCommand.class, KeysCommand.class,
                TeamsCommand.class, AuditCommand.class, CatalogCommand.class, VendorCommand.class,
                ExplainCommand.class, DrillCommand.class, ComplexityCommand.class, LedgerCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logging.configure();
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0 || !ServeCommand.serving) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
