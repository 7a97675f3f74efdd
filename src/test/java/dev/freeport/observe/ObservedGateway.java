package dev.freeport.observe;

import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.Ledger;
import dev.freeport.limits.LimitUse;
import dev.freeport.module.Module;
import dev.freeport.server.Gateway;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A real gateway on port 0 from YAML (server and ledger sections added: loopback, admin key {@value #ADMIN}, a temp
 * data dir) with the {@link ObserveModule} and any other modules, and helpers to call it and read /metrics.
 */
final class ObservedGateway implements AutoCloseable {
    static final String ADMIN = "adm-secret-1";

    final Gateway gateway;
    final FreeportConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private ObservedGateway(Gateway gateway, FreeportConfig config) {
        this.gateway = gateway;
        this.config = config;
    }

    /** With the observe module only. */
    static ObservedGateway start(String yaml) {
        return start(yaml, (vx, cfg) -> List.of(), null);
    }

    /**
     * @param others modules opened before the observe module (e.g. limits, an authenticator)
     * @param limits the budget and rate-limit use the metrics report, or null
     */
    static ObservedGateway start(String yaml, BiFunction<Vertx, FreeportConfig, List<Module>> others,
                                 java.util.function.Supplier<LimitUse> limits) {
        try {
            Path dir = Files.createTempDirectory("freeport-observe");
            String full = "server: { host: 127.0.0.1, port: 0, admin_key: " + ADMIN + " }\n"
                    + "ledger: { data_dir: " + dir + ", flush_interval: 50ms }\n" + yaml;
            Path file = dir.resolve("freeport.yaml");
            Files.writeString(file, full);
            FreeportConfig cfg = ConfigLoader.load(file);
            Ledger ledger = JournaledLedger.open(cfg.ledger(), cfg.store());
            Gateway g = Gateway.start(cfg, file, ledger, vx -> {
                List<Module> all = new ArrayList<>(others.apply(vx, cfg));
                all.add(ObserveModule.open(vx, cfg, ledger, limits == null ? null : limits.get()));
                return all;
            });
            return new ObservedGateway(g, cfg);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + gateway.port();
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), headers);
    }

    HttpResponse<String> call(String method, String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A chat request for {@code model}: 200 expected by most tests (asserted by them). */
    HttpResponse<String> chat(String model, boolean stream, String... headers) {
        return post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}", headers);
    }

    /** GET /metrics with the admin key, after the ledger step of every request so far. */
    String metrics() {
        gateway.ledger().flush();
        HttpResponse<String> r = get("/metrics", "authorization", "Bearer " + ADMIN);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /metrics: " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /**
     * The value of the first sample of {@code name} whose labels include all of {@code labels}; NaN when there is
     * none.
     */
    static double sample(String text, String name, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String metric = brace > 0 ? line.substring(0, brace) : line.substring(0, Math.max(0, space));
            if (!metric.equals(name)) {
                continue;
            }
            String labelPart = brace > 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return Double.NaN;
    }

    /** The names of every sample in a Prometheus text (histograms' _bucket, _sum, _count included). */
    static java.util.Set<String> sampleNames(String text) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            out.add(brace > 0 ? line.substring(0, brace) : line.substring(0, line.indexOf(' ')));
        }
        return out;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
