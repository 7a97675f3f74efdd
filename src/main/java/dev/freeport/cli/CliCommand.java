package dev.freeport.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The base of every command that does something: its output streams, and one way to fail ({@link CliFailure},
 * printed as {@code freeport COMMAND: message} on stderr, with its exit code).
 */
abstract class CliCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Does the work; returns the exit code (0 unless a command has a reason), or throws {@link CliFailure}. */
    abstract int execute();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliFailure e) {
            err().println(name() + ": " + e.getMessage());
            return e.exitCode();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** The longest duration option: a report may look back a century. */
    static final java.time.Duration LONGEST = java.time.Duration.ofDays(100 * 366);

    /**
     * A duration option in the one syntax of Freeport's durations (config and CLI alike): 90s, 30m, 24h, 7d, 2w,
     * 1.5h, 250ms; a bad one stops the command naming the option.
     */
    static java.time.Duration duration(String option, String text) {
        try {
            return dev.freeport.config.ConfigUnits.parseDuration(text, false, LONGEST);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(option + ": " + e.getMessage());
        }
    }

    /** "freeport keys create". */
    String name() {
        return spec.qualifiedName(" ");
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
