package dev.freeport.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code freeport serve} says at start whether SIGHUP reloads its config: under {@code nohup} the signal is ignored
 * before the JVM starts, and the JVM then silently installs no handler.
 */
class SighupIT {
    private static final String CONFIG = """
            server: { host: 127.0.0.1, port: %d }
            providers:
              sandbox:
                type: sandbox
                models:
                  instant: { ttft: 1ms, tokens_per_second: 0 }
            models:
              - name: %s
                targets: [ { provider: sandbox, model: instant } ]
            ledger: { data_dir: %s }
            """;

    /** Starts serve behind {@code wrapper} and returns its output up to the listening line. */
    private static List<String> serve(Path config, String wrapper, List<Process> started) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(System.getProperty("freeport.jar", "target/freeport.jar")).toAbsolutePath().toString();
        Process p = new ProcessBuilder("sh", "-c", "exec " + wrapper + " " + java + " -Xmx256m -jar " + jar
                + " serve --config " + config).redirectErrorStream(true).start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains("freeport listening on")) {
                Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> { }));
                return lines;
            }
        }
        throw new AssertionError("did not start: " + lines);
    }

    private static Path config(String alias) throws IOException {
        Path dir = Files.createTempDirectory("freeport-hup");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path file = dir.resolve("freeport.yaml");
        Files.writeString(file, CONFIG.formatted(port, alias, dir.resolve("data")));
        return file;
    }

    private static String models(Path config) throws Exception {
        String yaml = Files.readString(config);
        String port = yaml.substring(yaml.indexOf("port: ") + 6, yaml.indexOf(" }"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String awaitModels(Path config, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String models = models(config);
        while (!models.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            models = models(config);
        }
        return models;
    }

    @Test
    void underNohupTheStartSaysSighupReloadIsOff() throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            List<String> out = serve(config("first"), "nohup", started);

            assertThat(String.join("\n", out)).contains("SIGHUP reload is off", "nohup", "POST /admin/reload");
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void withoutNohupTheStartSaysSighupReloadsAndItDoes() throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            Path config = config("first");
            List<String> out = serve(config, "", started);
            assertThat(String.join("\n", out)).contains("SIGHUP reloads " + config);

            Files.writeString(config, Files.readString(config).replace("name: first", "name: second"));
            new ProcessBuilder("kill", "-HUP", Long.toString(started.get(0).pid())).start().waitFor();

            assertThat(awaitModels(config, "second")).contains("\"second\"");
            assertThat(started.get(0).isAlive()).isTrue();
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }
}
