package dev.freeport.reconcile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The findings of the last {@code freeport reconcile} run, kept in the data directory
 * ({@value #FILE}) so that the audit ({@code freeport audit}, {@code GET /admin/audit}) shows them as its own
 * section: each difference beyond the tolerance, with the explanations that fit it. One file per data directory
 * (the last run per vendor wins for that vendor; other vendors' findings are kept). Written atomically.
 *
 * @param ranAt    when the run was
 * @param vendors  each vendor's last run
 */
public record LastRun(Instant ranAt, List<VendorRun> vendors) {

    public static final String FILE = "reconcile-last.json";

    public LastRun {
        vendors = List.copyOf(vendors);
    }

    /** One vendor's run: the days compared, the tolerance, and the findings. */
    public record VendorRun(String vendor, Instant ranAt, LocalDate from, LocalDate to, String tolerance,
                            List<Finding> findings) {
        public VendorRun {
            findings = List.copyOf(findings);
        }
    }

    /**
     * One day × model beyond the tolerance: billed minus recorded money (nano-dollars, null when the bill has no
     * cost) and tokens (null when it has no tokens), and why.
     */
    public record Finding(LocalDate day, String model, Long costDiffNanos, Long tokenDiff, List<String> explanations) {
        public Finding {
            explanations = List.copyOf(explanations);
        }
    }

    /** A report's findings as one vendor's run. */
    public static VendorRun of(ReconcileReport r, Instant ranAt) {
        List<Finding> f = new ArrayList<>();
        for (ReconcileReport.Line l : r.findings()) {
            f.add(new Finding(l.day(), l.model(), l.costDiffNanos(), l.tokenDiff(), l.explanations()));
        }
        String tol = r.tolerance().share().movePointRight(2).stripTrailingZeros().toPlainString() + "% / $"
                + ReconcileReport.usd(r.tolerance().usdNanos());
        return new VendorRun(r.vendor(), ranAt, r.from(), r.to(), tol, f);
    }

    /** Records {@code run} in {@code dataDir}, replacing that vendor's previous run. */
    public static void record(Path dataDir, VendorRun run) {
        List<VendorRun> kept = new ArrayList<>();
        read(dataDir).ifPresent(last -> last.vendors().stream().filter(v -> !v.vendor().equals(run.vendor()))
                .forEach(kept::add));
        kept.add(run);
        JsonArray vs = new JsonArray();
        for (VendorRun v : kept) {
            JsonArray fs = new JsonArray();
            for (Finding f : v.findings()) {
                fs.add(new JsonObject().put("day", f.day().toString()).put("model", f.model())
                        .put("cost_diff_usd", f.costDiffNanos() == null ? null
                                : ReconcileReport.usd(f.costDiffNanos()))
                        .put("token_diff", f.tokenDiff()).put("explanations", new JsonArray(f.explanations())));
            }
            vs.add(new JsonObject().put("vendor", v.vendor()).put("ran_at", v.ranAt().toString())
                    .put("from", v.from() == null ? null : v.from().toString())
                    .put("to", v.to() == null ? null : v.to().toString()).put("tolerance", v.tolerance())
                    .put("findings", fs));
        }
        JsonObject root = new JsonObject().put("ran_at", run.ranAt().toString()).put("vendors", vs);
        try {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, root.encodePrettily());
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
        }
    }

    /** The last runs recorded in {@code dataDir}; empty when there is none or the file is unreadable. */
    public static Optional<LastRun> read(Path dataDir) {
        Path file = dataDir == null ? null : dataDir.resolve(FILE);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject root = new JsonObject(Files.readString(file));
            List<VendorRun> runs = new ArrayList<>();
            for (Object o : root.getJsonArray("vendors", new JsonArray())) {
                JsonObject v = (JsonObject) o;
                List<Finding> fs = new ArrayList<>();
                for (Object fo : v.getJsonArray("findings", new JsonArray())) {
                    JsonObject f = (JsonObject) fo;
                    String diff = f.getString("cost_diff_usd");
                    List<String> why = new ArrayList<>();
                    f.getJsonArray("explanations", new JsonArray()).forEach(x -> why.add(String.valueOf(x)));
                    fs.add(new Finding(LocalDate.parse(f.getString("day")), f.getString("model"),
                            diff == null ? null : new BigDecimal(diff).movePointRight(9).longValueExact(),
                            f.getLong("token_diff"), why));
                }
                runs.add(new VendorRun(v.getString("vendor"), Instant.parse(v.getString("ran_at")),
                        v.getString("from") == null ? null : LocalDate.parse(v.getString("from")),
                        v.getString("to") == null ? null : LocalDate.parse(v.getString("to")),
                        v.getString("tolerance"), fs));
            }
            return Optional.of(new LastRun(Instant.parse(root.getString("ran_at")), runs));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
