package dev.freeport.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The packaged jar running {@code serve} as a real process (for signals, process limits, exit), and its output. */
final class GatewayProcess implements AutoCloseable {
    final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private GatewayProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code freeport serve --config FILE} through {@code sh -c "SETUP exec WRAPPER java ..."}, e.g. setup
     * {@code "ulimit -n 256;"} or wrapper {@code "nohup"} (both may be empty), and waits until it listens.
     */
    static GatewayProcess serve(Path config, String setup, String wrapper) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(System.getProperty("freeport.jar", "target/freeport.jar")).toAbsolutePath().toString();
        String command = setup + " exec " + wrapper + " " + java + " -Xmx512m -jar " + jar + " serve --config "
                + config;
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        GatewayProcess g = new GatewayProcess(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            g.output.add(line);
            if (line.contains("freeport listening on")) {
                Thread.ofPlatform().daemon().start(() -> out.lines().forEach(g.output::add));
                return g;
            }
        }
        p.destroyForcibly();
        throw new AssertionError("freeport did not start:\n" + String.join("\n", g.output));
    }

    /** SIGTERM, keeping the output stream open to read what the shutdown prints ({@link Process#destroy} closes it). */
    void terminate() {
        process.toHandle().destroy();
    }

    long pid() {
        return process.pid();
    }

    List<String> output() {
        return new ArrayList<>(output);
    }

    String outputText() {
        return String.join("\n", output);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
