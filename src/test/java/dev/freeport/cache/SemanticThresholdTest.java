package dev.freeport.cache;

import dev.freeport.config.CacheConfig;
import dev.freeport.route.complexity.Embedder;
import dev.freeport.route.complexity.RequestText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The semantic cache's threshold on the project's labelled set (src/test/resources/cache/paraphrases.tsv: 30
 * paraphrase pairs, 30 near misses that must not share an answer): each pair's first turn is kept in a
 * {@link SemanticIndex}, the second looked up, with the embedding the cache uses. Prints the table docs/CACHE.md
 * reports (false-hit rate: near misses served; hit rate: paraphrases served).
 */
class SemanticThresholdTest {
    record Pair(boolean same, String first, String second) {
    }

    record Rates(int falseHits, int differ, int hits, int same) {
        double falseHitRate() {
            return (double) falseHits / differ;
        }

        double hitRate() {
            return (double) hits / same;
        }
    }

    static List<Pair> pairs;
    static List<float[][]> vectors;

    @BeforeAll
    static void embed() throws IOException {
        pairs = read();
        Embedder embedder = new Embedder();
        vectors = new ArrayList<>();
        for (Pair p : pairs) {
            vectors.add(new float[][]{embedder.embed(RequestText.ofUser(p.first())),
                    embedder.embed(RequestText.ofUser(p.second()))});
        }
    }

    static List<Pair> read() throws IOException {
        List<Pair> out = new ArrayList<>();
        try (InputStream in = SemanticThresholdTest.class.getResourceAsStream("/cache/paraphrases.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Pair(f[0].equals("same"), f[1], f[2]));
            }
        }
        return out;
    }

    /** Each pair through a fresh index: the first turn kept, the second looked up. */
    static Rates at(double threshold) {
        CacheConfig c = new CacheConfig(CacheConfig.Mode.SEMANTIC, Duration.ofHours(1), 1000, 1 << 20,
                CacheConfig.Scope.KEY, threshold, false, false);
        int falseHits = 0;
        int differ = 0;
        int hits = 0;
        int same = 0;
        for (int i = 0; i < pairs.size(); i++) {
            SemanticIndex index = new SemanticIndex();
            index.add("a", c, "ctx", pairs.get(i).first(), vectors.get(i)[0], "first");
            boolean served = "first".equals(index.nearest("a", "ctx", pairs.get(i).second(), vectors.get(i)[1],
                    threshold));
            if (pairs.get(i).same()) {
                same++;
                hits += served ? 1 : 0;
            } else {
                differ++;
                falseHits += served ? 1 : 0;
            }
        }
        return new Rates(falseHits, differ, hits, same);
    }

    @Test
    void theLabelledSetHasThirtyParaphrasesAndThirtyNearMisses() {
        assertThat(pairs).filteredOn(Pair::same).hasSize(30);
        assertThat(pairs).filteredOn(p -> !p.same()).hasSize(30);
    }

    @Test
    void theDefaultThresholdServesNoNearMissOfTheLabelledSet() {
        StringBuilder table = new StringBuilder("| threshold | false hits (near misses served) | paraphrases served |\n"
                + "|---|---|---|\n");
        for (double t : new double[]{0.80, 0.85, 0.90, 0.925, 0.95, 0.97}) {
            Rates r = at(t);
            table.append(String.format(Locale.ROOT, "| %.3f | %d / %d (%.0f %%) | %d / %d (%.0f %%) |%n", t,
                    r.falseHits(), r.differ(), 100 * r.falseHitRate(), r.hits(), r.same(), 100 * r.hitRate()));
        }
        for (int i = 0; i < pairs.size(); i++) {
            table.append(String.format(Locale.ROOT, "%s %.4f %s | %s%n", pairs.get(i).same() ? "same  " : "differ",
                    SemanticIndex.cosine(vectors.get(i)[0], vectors.get(i)[1]), pairs.get(i).first(),
                    pairs.get(i).second()));
        }
        System.out.println(table);

        Rates d = at(CacheConfig.DEFAULT_THRESHOLD);
        assertThat(d.falseHits()).isZero();
        assertThat(d.hits()).isGreaterThanOrEqualTo(17); // measured: 17 of 30 paraphrases served at 0.95
    }

    @Test
    void theTurnGuardTurnsAwayTheNearMissesTheEmbeddingAloneRatesAboveTheDefault() {
        List<Pair> above = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (!pairs.get(i).same()
                    && SemanticIndex.cosine(vectors.get(i)[0], vectors.get(i)[1]) >= CacheConfig.DEFAULT_THRESHOLD) {
                above.add(pairs.get(i));
            }
        }

        assertThat(above).hasSize(3); // swapped units twice, 2027/2028
        assertThat(above).noneMatch(p -> TurnGuard.compatible(p.first(), p.second()));
    }
}
