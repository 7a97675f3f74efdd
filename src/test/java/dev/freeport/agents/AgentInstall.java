package dev.freeport.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned agent CLIs, installed once per build from the committed lock file (e2e/agents/package-lock.json) by
 * e2e/agents/install.sh into target/e2e-agents (a no-op when that install is current; .ci/run calls it too). When
 * node or npm is missing, or the install fails, the test is skipped on a developer machine but FAILS under CI
 * (environment variable CI set), like the PostgreSQL, Redis and Chromium tests.
 */
final class AgentInstall {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path DIR = PROJECT.resolve("target/e2e-agents");
    private static final Path SCRIPT = PROJECT.resolve("e2e/agents/install.sh");
    private static volatile String problem;
    private static volatile boolean done;

    private AgentInstall() {
    }

    /** Installs if needed (once per JVM); skips or fails the calling test when the CLIs cannot be had. */
    static synchronized void require() {
        if (!done) {
            problem = install();
            done = true;
        }
        if (problem != null) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(problem);
            }
            Assumptions.abort(problem);
        }
    }

    private static String install() {
        Path node = which("node");
        if (node == null || which("npm") == null) {
            return "node and npm are needed for the agent CLI tests (not on PATH); .ci/run uses the machine's Node";
        }
        try {
            Files.createDirectories(DIR);
            Path log = DIR.resolve("install.log");
            Process p = new ProcessBuilder("bash", SCRIPT.toString(), DIR.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "npm ci of the agent CLIs took over 15 minutes; log: " + log;
            }
            if (p.exitValue() != 0) {
                return "installing the agent CLIs failed (" + p.exitValue() + "):\n" + tail(Files.readString(log));
            }
            return null;
        } catch (IOException e) {
            return "installing the agent CLIs failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while installing the agent CLIs";
        }
    }

    /** An installed executable under node_modules/.bin. */
    static Path bin(String name) {
        return DIR.resolve("node_modules/.bin").resolve(name);
    }

    /** The version in an installed package's package.json. */
    static String version(String npmPackage) {
        try {
            return new ObjectMapper().readTree(DIR.resolve("node_modules").resolve(npmPackage).resolve("package.json")
                    .toFile()).path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding node, for the PATH of the CLIs (two of them are node scripts). */
    static Path nodeDir() {
        Path node = which("node");
        return node == null ? Path.of("/usr/bin") : node.getParent();
    }

    static Path which(String command) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
