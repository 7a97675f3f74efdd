package dev.freeport.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One headless run of an agent CLI: a fresh working directory in the system temp dir (outside any git checkout,
 * so no CLAUDE.md / AGENTS.md of this repository is read), an isolated HOME under target/e2e-agents/runs (not under
 * /tmp, where Codex refuses its helper links), a minimal environment (nothing of the machine's is passed on but
 * node's directory on PATH), stdin closed, output captured, a hard time limit.
 *
 * @param exitCode the CLI's exit code, or -1 when it was killed at the time limit
 * @param output   stdout and stderr interleaved
 */
record AgentRun(AgentCli cli, Path work, Path home, int exitCode, String output, Duration took) {
    static final Duration LIMIT = Duration.ofSeconds(180);

    /** Fresh directories for one run of this CLI. */
    static Path[] dirs(AgentCli cli) {
        try {
            Path runs = AgentInstall.DIR.resolve("runs");
            Files.createDirectories(runs);
            Path home = Files.createTempDirectory(runs, cli.id() + "-home-");
            Path work = Files.createTempDirectory("freeport-" + cli.id() + "-work-");
            return new Path[] {work, home};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one prompt; the CLI's config goes into {@code home} first. */
    static AgentRun run(AgentCli cli, AgentCli.Target target, Path work, Path home, String prompt) {
        AgentCli.Invocation inv = cli.prepare(target, home, work, prompt);
        ProcessBuilder pb = new ProcessBuilder(inv.command()).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", AgentInstall.nodeDir() + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("TERM", "dumb");
        env.put("LANG", "C.UTF-8");
        env.put("NO_COLOR", "1");
        env.putAll(inv.env());
        env.putAll(target.env());
        Path log = home.resolve("cli-output.txt");
        pb.redirectOutput(log.toFile());
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            boolean finished = p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new AgentRun(cli, work, home, finished ? p.exitValue() : -1, Files.readString(log), took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the run's directories (kept when a test failed, for the log). */
    void delete() {
        for (Path dir : new Path[] {work, home}) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort
            }
        }
    }

    /** What a failing assertion shows: the exit, the time and the CLI's output. */
    String describe() {
        return cli.id() + " " + cli.version() + " exited " + exitCode + " after " + took.toMillis() + " ms; output:\n"
                + output;
    }
}
