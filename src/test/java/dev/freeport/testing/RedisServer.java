package dev.freeport.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A throw-away Redis server for tests on a free loopback port, no persistence; stopped on close. */
public final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private RedisServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static RedisServer start() {
        Path bin = ExternalServer.requireBinary("Redis (redis-server)", "/usr/bin/redis-server",
                "/usr/local/bin/redis-server");
        try {
            Path dir = Files.createTempDirectory("freeport-redis");
            int port = ExternalServer.freePort();
            Process p = new ProcessBuilder(bin.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return new RedisServer(p, port, dir);
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("redis-server exited:\n"
                                + Files.readString(dir.resolve("redis.log")));
                    }
                    Thread.sleep(50);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("redis-server did not start within 20 s");
        } catch (IOException e) {
            throw new IllegalStateException("could not start Redis: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** "redis://127.0.0.1:PORT" */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dir.resolve("redis.log").toFile().delete();
        dir.toFile().delete();
    }
}
