package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process of {@link ProcessKillTest}: records events "k-1", "k-2", ... until killed, and prints n after
 * record("k-n") returned, every 100 events. Args: data dir [, PostgreSQL JDBC URL, user] (default embedded SQLite).
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) {
        StoreConfig store = args.length >= 3
                ? new StoreConfig(StoreConfig.Kind.POSTGRES, args[1], args[2], null, 2) : StoreConfig.EMBEDDED;
        JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(Path.of(args[0]), 500, Duration.ofMillis(50)),
                store, 64 * 1024);
        for (long n = 1; ; n++) {
            ledger.record(Events.simple("k-" + n, n));
            if (n % 100 == 0) {
                System.out.println(n);
                System.out.flush();
            }
        }
    }
}
