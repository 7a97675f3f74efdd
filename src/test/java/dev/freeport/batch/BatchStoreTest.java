package dev.freeport.batch;

import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch store keeps the same promises on SQLite and on a real PostgreSQL. */
class BatchStoreTest {
    private static PostgresServer pg;

    @BeforeAll
    static void start() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private static BatchStore open(String kind) throws Exception {
        return "postgres".equals(kind)
                ? BatchStore.open(new StoreConfig(StoreConfig.Kind.POSTGRES, pg.newDatabase(), pg.user(), null, 4), null)
                : BatchStore.open(StoreConfig.EMBEDDED, Files.createTempDirectory("batch-store"));
    }

    private static Batch batch(String id, long created) {
        return new Batch(id, "key-a", "openai", Endpoints.CHAT, Batch.IN_PROGRESS, "file-1", null, null, created,
                created + 86_400_000, null, null, "{\"job\":\"x\"}", null, Batch.Counts.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void anAnswerIsKeptOnceAndABatchFinishesWithItsFilesInOneStep(String kind) throws Exception {
        try (BatchStore store = open(kind)) {
            store.create(batch("batch_1", 1000), List.of(Batch.Line.pending(0, "a", "{}"),
                    Batch.Line.pending(1, "b", "{}"), Batch.Line.invalid(2, null, Outputs.invalid("x", "bad"))));

            assertThat(store.answer("batch_1", 0, BatchStore.SUCCEEDED, 200, "{\"ok\":1}", "req_1")).isTrue();
            assertThat(store.answer("batch_1", 0, BatchStore.ERRORED, 500, "{}", "req_2")).isFalse();
            assertThat(store.lines("batch_1", true)).extracting(Batch.Line::customId).containsExactly("b");
            assertThat(store.running()).extracting(Batch::id).containsExactly("batch_1");
            assertThat(store.cancel("batch_1", "key-b", 2000)).isFalse();
            assertThat(store.cancel("batch_1", "key-a", 2000)).isTrue();

            store.finish("batch_1", Batch.CANCELLED, 3000, BatchStore.CANCELED,
                    new Batch.File("file-out", "key-a", "batch_output", "o.jsonl", 3000, 2), "{}".getBytes(), null,
                    null);

            Batch b = store.batch("batch_1", "key-a").orElseThrow();
            assertThat(b.status()).isEqualTo(Batch.CANCELLED);
            assertThat(b.outputFileId()).isEqualTo("file-out");
            assertThat(b.counts()).isEqualTo(new Batch.Counts(3, 1, 1, 1, 0));
            assertThat(store.content("file-out", "key-a")).hasValueSatisfying(c -> assertThat(c).isEqualTo(
                    "{}".getBytes()));
            assertThat(store.content("file-out", "key-b")).isEmpty();
            assertThat(store.running()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void listsAreNewestFirstWithACursorAndOneOwnersOnly(String kind) throws Exception {
        try (BatchStore store = open(kind)) {
            store.create(batch("batch_a", 1000), List.of());
            store.create(batch("batch_b", 2000), List.of());
            store.create(batch("batch_c", 3000), List.of());

            assertThat(store.list("key-a", "openai", null, 2)).extracting(Batch::id).containsExactly("batch_c", "batch_b");
            assertThat(store.list("key-a", "openai", "batch_b", 2)).extracting(Batch::id).containsExactly("batch_a");
            assertThat(store.list("key-b", "openai", null, 10)).isEmpty();
            assertThat(store.delete("batch_b", "key-b")).isFalse();
            assertThat(store.delete("batch_b", "key-a")).isTrue();
            assertThat(store.list("key-a", "openai", null, 10)).extracting(Batch::id).containsExactly("batch_c", "batch_a");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theHoldsOfHandedRequestsCountFromTheirHandOverUntilTheirRelease(String kind) throws Exception {
        try (BatchStore store = open(kind)) {
            store.create(batch("batch_h", 1000), List.of(Batch.Line.pending(0, "a", "{}"),
                    Batch.Line.pending(1, "b", "{}")));
            NativeRows rows = new NativeRows(store);
            rows.hand("batch_h", 0, "req_a", "key-a", new Batch.Handed("openai", "m", "m", "{}", 700, 5_000, "t1"));
            rows.hand("batch_h", 1, "req_b", "key-a", new Batch.Handed("openai", "m", "m", "{}", 300, 6_000, null));

            assertThat(rows.held("key:key-a", 0, 10_000)).isEqualTo(1000);
            assertThat(rows.held("team:t1", 0, 10_000)).isEqualTo(700);
            assertThat(rows.held("key:key-a", 5_500, 10_000)).isEqualTo(300); // charged before the period: not in it
            assertThat(rows.held("key:key-a", 0, 5_500)).isEqualTo(700); // handed after: counted by the counters

            store.answer("batch_h", 0, BatchStore.SUCCEEDED, 200, "{}", "req_a");

            assertThat(rows.held("key:key-a", 0, System.currentTimeMillis() + 1)).isEqualTo(300);
            assertThat(rows.held("key:key-a", 0, 10_000)).isEqualTo(1000); // released after that moment
            assertThat(rows.held("key:key-b", 0, 10_000)).isZero();
        }
    }
}
