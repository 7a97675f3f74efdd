package dev.freeport.vendors;

import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas' boards over one real PostgreSQL database. */
class PostgresVendorSwitchesTest {
    private static PostgresServer pg;

    @BeforeAll
    static void start() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private static StoreConfig database() {
        return new StoreConfig(StoreConfig.Kind.POSTGRES, pg.newDatabase(), pg.user(), null, 4);
    }

    @Test
    void disableOnOneReplicaReachesTheOtherWithinOneSecond() {
        StoreConfig db = database();
        try (VendorSwitchStore s1 = VendorSwitchStore.postgres(db); VendorSwitchStore s2 = VendorSwitchStore.postgres(db);
             VendorSwitchBoard one = new VendorSwitchBoard(s1); VendorSwitchBoard two = new VendorSwitchBoard(s2)) {
            assertThat(two.disabled("anthropic")).isNull();
            one.disable("anthropic", "vendor outage", "test");
            long ms = Propagation.millisUntil(two, "anthropic", Objects::nonNull);
            assertThat(ms).isLessThan(1000);
            assertThat(two.disabled("anthropic").reason()).isEqualTo("vendor outage");
        }
    }

    @Test
    void enableOnOneReplicaReachesTheOtherWithinOneSecond() {
        StoreConfig db = database();
        try (VendorSwitchStore s1 = VendorSwitchStore.postgres(db); VendorSwitchStore s2 = VendorSwitchStore.postgres(db);
             VendorSwitchBoard one = new VendorSwitchBoard(s1); VendorSwitchBoard two = new VendorSwitchBoard(s2)) {
            one.disable("deepseek", null, "test");
            Propagation.millisUntil(two, "deepseek", Objects::nonNull);
            one.enable("deepseek", null, "test");
            long ms = Propagation.millisUntil(two, "deepseek", Objects::isNull);
            assertThat(ms).isLessThan(1000);
        }
    }

    @Test
    void concurrentDisablesFromTwoReplicasLoseNoUpdate() throws Exception {
        StoreConfig db = database();
        try (VendorSwitchStore one = VendorSwitchStore.postgres(db); VendorSwitchStore two = VendorSwitchStore.postgres(db)) {
            List<VendorSwitch> written = Concurrent.disableFromBoth(one, two, 40);
            Concurrent.assertNothingLost(two, written, 40);
        }
    }

    @Test
    void replicasOpeningTheStoreTogetherBothSucceed() throws Exception {
        StoreConfig db = database();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.concurrent.Callable<VendorSwitchStore> open = () -> VendorSwitchStore.postgres(db);
            var opened = pool.invokeAll(List.of(open, open, open));
            for (java.util.concurrent.Future<VendorSwitchStore> f : opened) {
                try (VendorSwitchStore s = f.get()) {
                    assertThat(s.all()).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theConfigsStoreChoosesPostgresOverTheDataDir() {
        StoreConfig db = database();
        try (VendorSwitchStore viaConfig = VendorSwitchStore.open(db, Path.of("/nonexistent-unused"));
             VendorSwitchStore direct = VendorSwitchStore.postgres(db)) {
            viaConfig.set("self", true, null, "t");
            assertThat(direct.all()).extracting(VendorSwitch::vendor).containsExactly("self");
        }
    }
}
