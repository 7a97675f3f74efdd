package dev.freeport.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * One in-process run of the CLI, as {@code freeport ARGS} would run it in {@code workDir} with {@code env} (and a
 * home folder under the working dir): its exit code and what it printed.
 */
record CliRun(int code, String out, String err) {

    static CliContext context(Path workDir, Map<String, String> env) {
        return new CliContext(workDir, env, workDir.resolve("home"));
    }

    static CliRun in(CliContext ctx, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(ctx).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun in(Path workDir, Map<String, String> env, String... args) {
        return in(context(workDir, env), args);
    }
}
