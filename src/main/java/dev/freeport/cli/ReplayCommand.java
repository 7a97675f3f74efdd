package dev.freeport.cli;

import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.lab.LabSample;
import dev.freeport.lab.LabStore;
import dev.freeport.lab.Replay;
import dev.freeport.lab.RequestImport;
import dev.freeport.route.assembly.GatewayRuntime;
import dev.freeport.route.assembly.SharedServices;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code freeport replay --alias A --candidates x,y --from captured|FILE [--since 30d] [--sample N] [--concurrency 8]
 * [--budget 5usd]}: sends an alias's kept requests (or a file's) to candidate aliases of the config, with progress,
 * ETA and running cost on stderr; stops at the budget; resumable (what has an answer is never sent again).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay an alias's captured requests (or a file of requests) against candidate aliases.")
final class ReplayCommand extends CliCommand {

    @Option(names = "--alias", required = true, description = "The alias whose requests are replayed.")
    String alias;

    @Option(names = "--candidates", required = true, split = ",", description = "Candidate aliases, comma-separated.")
    List<String> candidates;

    @Option(names = "--from", required = true, paramLabel = "captured|FILE",
            description = "captured (the lab's samples of the alias) or a file: OpenAI chat JSONL, OpenAI batch input,"
                    + " or one prompt per line.")
    String from;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d",
            description = "With --from captured: samples from this far back (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0", description = "At most N requests (0: all).")
    int sample;

    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--budget", paramLabel = "USD", description = "Stop once this run cost this much, e.g. 5usd.")
    String budget;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOptions data;

    @Override
    int execute() {
        FreeportConfig cfg = config.require("replay sends requests to the config's providers");
        Set<String> known = cfg.models().stream().map(ModelConfig::name).collect(Collectors.toSet());
        for (String a : concat(alias, candidates)) {
            if (!known.contains(a)) {
                throw CliFailure.usage("unknown alias '" + a + "' (known: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")");
            }
        }
        if (concurrency < 1 || concurrency > 256) {
            throw CliFailure.usage("--concurrency: must be between 1 and 256");
        }
        long budgetNanos = budgetNanos();
        LedgerSource source = data.source(config);
        Vertx vertx = Vertx.vertx();
        SharedServices services = new SharedServices(vertx);
        // the lab's store lives next to the ledger; a replay of a file may run before any gateway made that dir
        try (LabStore lab = LabStore.open(cfg.store(), source.dataDir() != null ? source.dataDir() : source.shown())) {
            List<LabSample> samples = samples(lab);
            GatewayRuntime rt = runtime(vertx, services, cfg);
            long[] lastPrint = {0};
            Replay.Progress p = new Replay(vertx, rt, lab, alias, concurrency, budgetNanos, pr -> {
                long now = System.nanoTime();
                if (now - lastPrint[0] > 500_000_000L || pr.done() == pr.total()) {
                    lastPrint[0] = now;
                    err().print("\r" + bar(pr));
                    err().flush();
                }
            }).run(samples, candidates).toCompletionStage().toCompletableFuture().get(7, TimeUnit.DAYS);
            err().println();
            out().println("replayed " + p.done() + " of " + p.total() + " requests to send (" + samples.size()
                    + " samples; answered ones from earlier runs are not sent again), cost " + usd(p.costNanos())
                    + (p.budgetStop() ? "; stopped at the budget of " + usd(budgetNanos) + ": run it again to go on"
                    : "") + (p.notKept() > 0 ? "; " + p.notKept() + " answers could not be stored (see the log): run"
                    + " it again to send them again" : "") + ". See: freeport migrate report --alias " + alias);
            return p.notKept() > 0 ? 1 : p.budgetStop() ? 3 : 0;
        } catch (IOException e) {
            throw CliFailure.failed("cannot read " + from + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | IllegalStateException e) {
            throw CliFailure.failed(e.getMessage());
        } finally {
            services.close();
            vertx.close();
        }
    }

    private List<LabSample> samples(LabStore lab) throws IOException {
        List<LabSample> all;
        if (from.equals("captured")) {
            all = lab.samples(alias, Instant.now().minus(duration("--since", since)).toEpochMilli());
        } else {
            RequestImport.Imported imp = RequestImport.read(Path.of(from), alias, System.currentTimeMillis());
            if (imp.skipped() > 0) {
                err().println("skipped " + imp.skipped() + " lines of " + from + " (first: " + imp.firstProblem()
                        + ")");
            }
            imp.samples().forEach(lab::putSample);
            Set<String> ids = imp.samples().stream().map(LabSample::id).collect(Collectors.toSet());
            all = lab.samples(alias, 0).stream().filter(s -> ids.contains(s.id())).toList();
        }
        if (sample > 0 && sample < all.size()) { // a stable choice: the same N on every run, so a resume continues it
            all = all.stream().sorted(Comparator.comparing(s -> Integer.toHexString(s.id().hashCode())))
                    .limit(sample).toList();
        }
        return all;
    }

    private long budgetNanos() {
        return usdNanos("--budget", budget);
    }

    /** "5usd", "$5", "5" as nano-dollars (more than 0); 0 when absent. */
    static long usdNanos(String option, String text) {
        if (text == null) {
            return 0;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT).replace("$", "").replace("usd", "").strip();
        try {
            BigDecimal usd = new BigDecimal(t);
            if (usd.signum() <= 0) {
                throw new NumberFormatException();
            }
            return usd.movePointRight(9).longValue();
        } catch (NumberFormatException | ArithmeticException e) {
            throw CliFailure.usage(option + ": '" + text + "' is not an amount of USD (e.g. 5usd)");
        }
    }

    /** The config's routes, providers and dispatcher in this process (no server, no modules). */
    static GatewayRuntime runtime(Vertx vertx, SharedServices services, FreeportConfig cfg) {
        return GatewayRuntime.build(vertx, cfg, services, PriceCatalog.bundled(), new HashMap<>(),
                new MasterKeyAuthenticator(null, false));
    }

    static String bar(Replay.Progress p) {
        int width = 30;
        int filled = p.total() == 0 ? width : (int) ((long) width * p.done() / p.total());
        long eta = p.done() == 0 ? 0 : p.elapsedMillis() * (p.total() - p.done()) / p.done() / 1000;
        return "[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + p.done() + "/" + p.total()
                + "  ETA " + eta + "s  cost " + usd(p.costNanos());
    }

    private static String usd(long nanos) {
        return "$" + BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private static List<String> concat(String a, List<String> rest) {
        List<String> out = new java.util.ArrayList<>(rest);
        out.addFirst(a);
        return out;
    }
}
