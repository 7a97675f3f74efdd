package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.json.Json;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code freeport migrate demo}: the whole migration loop offline, on simulated models, printing each step with the
 * command a user would type: traffic on an alias served by a frontier model, the audit of where its money goes,
 * shadow traffic to an open model, a replay against a flaky small model, the report, a canary of the flaky model
 * that rolls itself back, and a canary of the good one promoted to 100 %. Its data lives in a fresh directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole migration loop offline on simulated models: shadow, replay, report, canary.")
final class MigrateDemo extends CliCommand {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the demo keeps its data (default: a new"
            + " temporary directory).")
    Path dataDir;

    @Option(names = "--requests", defaultValue = "80", description = "Requests per traffic step (default: "
            + "${DEFAULT-VALUE}).")
    int requests;

    private final CliContext ctx;

    MigrateDemo() {
        this(CliContext.SYSTEM);
    }

    MigrateDemo(CliContext ctx) {
        this.ctx = ctx;
    }

    static final String PROMPTS_JSON = "Return a JSON object with the fields name and version of this package: ";
    static final String[] PROMPTS = {
        "Write a Python function that checks whether a string is a palindrome.",
        "Explain what this regular expression matches: ^[a-z0-9_-]{3,16}$",
        "Refactor this loop into a list comprehension: for x in xs: if x > 0: out.append(x * 2)",
        "Why does my Java stream throw IllegalStateException when I use it twice?",
        "Write a SQL query returning the ten customers with the most orders.",
        "What does the HTTP status 429 mean and how should a client react?",
        "Write a unit test for a function that adds two integers.",
        "How do I undo the last git commit but keep the changes?",
    };

    static String config(Path dir) {
        return """
                server: { host: 127.0.0.1, port: 0, request_log: { file: "%1$s/requests.log" } }
                providers:
                  frontierlab:   # a frontier lab's API: US company, public API
                    type: sandbox
                    vendor: frontierlab
                    jurisdiction: US
                    trust: public
                    models:
                      frontier-sim:   { ttft: 40ms, tokens_per_second: 3000, max_output_tokens: 400, embedding_dims: 0, seed: 1 }
                  opencloud:     # a hosted open-model API: French company, hosted in the EU
                    type: sandbox
                    vendor: opencloud
                    jurisdiction: FR
                    region: EU
                    trust: public
                    models:
                      open-large-sim: { ttft: 25ms, tokens_per_second: 4000, max_output_tokens: 400, embedding_dims: 0, seed: 2 }
                  sandbox:       # a small open model on your own GPUs: short answers, and 1 in 5 attempts fails
                    type: sandbox
                    models:
                      open-small-sim: { ttft: 10ms, tokens_per_second: 5000, max_output_tokens: 40, embedding_dims: 0, seed: 3, error_rate: 0.2 }
                models:
                  - name: coder
                    targets: [ frontierlab/frontier-sim ]
                    shadow: { targets: [ open-coder ], sample: 1, max_concurrency: 4, budget: 1usd/day }
                    capture: { sample: 1 }
                    canary: { max_error_rate_delta: 0.1, min_requests: 10, window: 10m }
                  - name: open-coder
                    targets: [ opencloud/open-large-sim ]
                  - name: tiny-coder
                    targets: [ sandbox/open-small-sim ]
                ledger: { data_dir: "%1$s", flush_interval: 50ms }
                prices:
                  "frontierlab/frontier-sim": { input: 2.00, output: 8.00 }
                  "opencloud/open-large-sim": { input: 0.28, output: 0.42 }
                  "sandbox/open-small-sim":   { input: 0.05, output: 0.20 }
                """.formatted(dir.toAbsolutePath().toString().replace("\\", "/"));
    }

    @Override
    int execute() {
        if (requests < 10 || requests > 10_000) {
            throw CliFailure.usage("--requests: from 10 to 10000");
        }
        Path dir;
        Path file;
        FreeportConfig cfg;
        try {
            dir = dataDir != null ? ctx.resolve(dataDir).toAbsolutePath() : Files.createTempDirectory("freeport-migrate-demo");
            Files.createDirectories(dir);
            file = dir.resolve("freeport.yaml");
            Files.writeString(file, config(dir));
            cfg = ConfigLoader.load(file);
        } catch (IOException e) {
            throw CliFailure.failed("cannot write the demo's files: " + e.getMessage());
        }
        Gateway gw = Launch.start(cfg, file, JournaledLedger.open(cfg.ledger(), cfg.store()));
        if (gw == null) {
            return 1;
        }
        PrintWriter out = out();
        String base = "http://127.0.0.1:" + gw.port();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            out.println("The migration lab, offline: a gateway on " + base + " with simulated models, data in " + dir);
            out.println("Config: " + file + " (coder on a frontier model; open-coder and tiny-coder: open models)");

            step(out, "1. Audit: where does coder's money go?", "freeport usage --config " + file + " --by provider");
            Instant start = Instant.now();
            send(http, base, requests);
            awaitShadows(http, base);
            gw.ledger().flush();
            out.println(UsageCommand.render(dir, StoreConfig.EMBEDDED, start, "provider", false).stripTrailing());
            out.println("All of coder's traffic and money go to one US vendor: concentrated, and the priciest.");

            step(out, "2. Shadow: every answered coder request also went to open-coder, after its answer",
                    "curl " + base + "/admin/migrate/shadow");
            JsonNode shadow = get(http, base + "/admin/migrate/shadow").path("aliases").path("coder");
            out.println("sampled " + shadow.path("sampled").asInt() + ", sent " + shadow.path("sent").asInt()
                    + ", failed " + shadow.path("failed").asInt() + ", dropped " + shadow.path("dropped").asInt()
                    + ", shadow spend $" + shadow.path("spent_usd").asText() + " (charged to the shadow budget only)");

            step(out, "3. Replay: the kept requests against tiny-coder, a small self-hosted model",
                    "freeport replay --config " + file + " --alias coder --candidates tiny-coder --from captured");
            cli(out, "replay", "--config", file.toString(), "--alias", "coder", "--candidates", "tiny-coder",
                    "--from", "captured");

            Path html = dir.resolve("report.html");
            step(out, "4. Report: is a candidate as good, on coder's own traffic?",
                    "freeport migrate report --config " + file + " --alias coder --html " + html);
            cli(out, "migrate", "report", "--config", file.toString(), "--alias", "coder", "--html",
                    html.toString());

            step(out, "5. Canary: tiny-coder takes 50 % of coder; the watcher rolls it back by itself",
                    "freeport migrate canary --alias coder --to tiny-coder --share 50%");
            canary(out, base, "--to", "tiny-coder", "--share", "50%");
            for (int i = 0; i < 10 && running(http, base); i++) {
                send(http, base, 20);
            }
            awaitStopped(http, base);
            canary(out, base);

            step(out, "6. Canary: open-coder at 5 %, promoted step by step to 100 %",
                    "freeport migrate canary --alias coder --to open-coder --share 5%");
            canary(out, base, "--to", "open-coder", "--share", "5%");
            for (int promotion = 0; promotion < 3; promotion++) {
                send(http, base, requests / 2);
                step(out, null, "freeport migrate canary --alias coder --promote");
                canary(out, base, "--promote");
            }
            send(http, base, requests / 2);
            step(out, "7. Where coder stands now", "freeport migrate canary --alias coder");
            canary(out, base);
            out.println();
            out.println("Open " + html + " for the report with its charts; the admin log has every canary step:"
                    + " freeport admin-log --url " + base);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted");
        } finally {
            gw.close();
        }
    }

    private static void step(PrintWriter out, String title, String command) {
        if (title != null) {
            out.println();
            out.println("== " + title);
        }
        out.println("$ " + command);
        out.flush();
    }

    /** Runs one CLI command in this process and prints what it printed. */
    private void cli(PrintWriter out, String... args) {
        StringWriter o = new StringWriter();
        int code = Main.commandLine(ctx).setOut(new PrintWriter(o)).setErr(new PrintWriter(new StringWriter()))
                .execute(args);
        out.println(o.toString().stripTrailing());
        if (code != 0 && code != 3) {
            throw CliFailure.failed("`freeport " + String.join(" ", args) + "` failed (exit " + code + ")");
        }
    }

    private void canary(PrintWriter out, String base, String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "migrate";
        all[1] = "canary";
        all[2] = "--alias";
        all[3] = "coder";
        System.arraycopy(args, 0, all, 4, args.length);
        all[all.length - 2] = "--url";
        all[all.length - 1] = base;
        cli(out, all);
    }

    /** {@code n} requests to coder, 8 at a time: code questions, every fourth asking for JSON. */
    static void send(HttpClient http, String base, int n) throws InterruptedException {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(8);
        List<java.util.concurrent.CompletableFuture<?>> all = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            var q = Json.NODES.objectNode().put("model", "coder");
            boolean json = i % 4 == 3;
            q.putArray("messages").addObject().put("role", "user").put("content", json ? PROMPTS_JSON
                    + "freeport-" + i : PROMPTS[i % PROMPTS.length]);
            if (json) {
                q.putObject("response_format").put("type", "json_object");
            }
            slots.acquire();
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(q))).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> slots.release()));
        }
        java.util.concurrent.CompletableFuture.allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new))
                .exceptionally(e -> null).join();
    }

    private static JsonNode get(HttpClient http, String url) throws InterruptedException {
        try {
            return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw CliFailure.failed("the demo gateway did not answer " + url + ": " + e.getMessage());
        }
    }

    /** Until no shadow request of coder runs or waits (at most 30 s). */
    private static void awaitShadows(HttpClient http, String base) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            JsonNode c = get(http, base + "/admin/migrate/shadow").path("aliases").path("coder");
            if (c.path("running").asInt() == 0 && c.path("waiting").asInt() == 0) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static boolean running(HttpClient http, String base) throws InterruptedException {
        return get(http, base + "/admin/migrate/canary/coder").path("status").asText().equals("running");
    }

    /** The watcher's rollback is written on a worker: wait for it (at most 5 s). */
    private static void awaitStopped(HttpClient http, String base) throws InterruptedException {
        for (int i = 0; i < 100 && running(http, base); i++) {
            Thread.sleep(50);
        }
    }
}
