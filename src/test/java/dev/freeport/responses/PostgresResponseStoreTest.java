package dev.freeport.responses;

import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The response store on a real PostgreSQL started by the test: the contract, plus replicas sharing it. */
class PostgresResponseStoreTest extends ResponseStoreContract {
    private static PostgresServer pg;
    private String url;

    @BeforeAll
    static void start() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @BeforeEach
    void database() {
        url = pg.newDatabase();
    }

    private StoreConfig config() {
        return new StoreConfig(StoreConfig.Kind.POSTGRES, url, pg.user(), "", 4);
    }

    @Override
    ResponseStore open() {
        return JdbcResponseStore.postgres(config(), SETTINGS, clock);
    }

    @Override
    ResponseStore reopen() {
        return open();
    }

    @Test
    void replicasStartingTogetherMigrateOnceAndShareEntries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ResponseStore>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<ResponseStore> c = this::open;
                starts.add(pool.submit(c));
            }
            List<ResponseStore> replicas = new ArrayList<>();
            for (Future<ResponseStore> f : starts) {
                replicas.add(f.get());
            }
            replicas.get(0).put(entry("resp_shared", "key_1", clock.instant(), "from replica 0"));
            assertThat(replicas.get(2).conversation("resp_shared", "key_1")).isPresent();
            replicas.forEach(ResponseStore::close);
        } finally {
            pool.shutdownNow();
        }
    }
}
