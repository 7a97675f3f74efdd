package dev.freeport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the runnable jar. {@code freeport --config FILE} is short for {@code freeport serve --config
 * FILE} (as {@code litellm --config FILE} runs LiteLLM's proxy); before another command, {@code --config} is that
 * command's config.
 */
@Command(name = "freeport", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Freeport: an open, self-hosted, multi-vendor LLM gateway.",
        subcommands = {ServeCommand.class, DemoCommand.class, ConfigCommand.class, UsageCommand.class, KeysCommand.class,
                TeamsCommand.class, AuditCommand.class, CatalogCommand.class, VendorCommand.class,
                ExplainCommand.class, DrillCommand.class, ComplexityCommand.class, LedgerCommand.class,
                ReconcileCommand.class, AdminLogCommand.class, MigrateCommand.class, ReplayCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Run the gateway with this config (same as `serve --config FILE`); before another command,"
                    + " that command's config.")
    Path config;

    @Option(names = "--port", description = "With --config: override server.port.")
    Integer port;

    public static void main(String[] args) {
        Logging.configure();
        int code = commandLine(CliContext.SYSTEM, args).execute(args);
        if (code != 0 || !ServeCommand.serving) {
            System.exit(code);
        }
    }

    /** The whole command tree, with {@code ctx} for every command and option group that reads its surroundings. */
    static CommandLine commandLine(CliContext ctx) {
        return new CommandLine(new Main(), ctx.factory()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * The tree {@code args} need: when they start with a command's name, a root holding only that command (picocli
     * builds every command's model by reflection when the tree is made: building all of them was most of a short
     * command's start-up); else the whole tree (root options, help, an unknown name answered with suggestions).
     */
    static CommandLine commandLine(CliContext ctx, String[] args) {
        String first = args.length > 0 ? args[0] : null;
        Class<?> named = null;
        if (first != null && !"help".equals(first)) {
            for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
                Command command = c.getAnnotation(Command.class);
                if (command.name().equals(first) || List.of(command.aliases()).contains(first)) {
                    named = c;
                }
            }
        }
        if (named == null) {
            return commandLine(ctx);
        }
        return new CommandLine(new Named(), ctx.factory()).addSubcommand(new CommandLine(named, ctx.factory()))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The root above one named command: its name and version only (root options come before a command). */
    @Command(name = "freeport", versionProvider = VersionCommand.Provider.class)
    static final class Named implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0; // never: a command is named
        }
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (config == null) {
            if (port != null) {
                cl.getErr().println("freeport: --port goes with --config FILE (or use `freeport serve --port N`)");
                return 2;
            }
            cl.usage(cl.getOut());
            return 0;
        }
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        if (port != null) {
            args.addAll(List.of("--port", port.toString()));
        }
        CommandLine serve = cl.getSubcommands().get("serve");
        serve.setOut(cl.getOut()).setErr(cl.getErr());
        return serve.execute(args.toArray(String[]::new));
    }
}
