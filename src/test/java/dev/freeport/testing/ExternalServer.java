package dev.freeport.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shared rules for tests that need a real server binary (PostgreSQL, Redis): started by the test itself on a free
 * loopback port. When the binary is missing the test is skipped on a developer machine but FAILS under CI
 * (environment variable CI set): a missing server must never pass silently there.
 */
final class ExternalServer {
    private ExternalServer() {
    }

    static Path requireBinary(String what, String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = what + " is not installed (looked for " + String.join(", ", candidates)
                + "); .ci/run installs it";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return null;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static String run(java.util.List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        String out = Files.readString(log);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + code + "):\n" + out);
        }
        return out;
    }
}
