package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process of {@link ProcessKillTest}: records events "k-1", "k-2", ... until killed, and prints n after
 * record("k-n") returned, every 100 events.
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) {
        JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(Path.of(args[0]), 500, Duration.ofMillis(50)),
                64 * 1024);
        for (long n = 1; ; n++) {
            ledger.record(Events.simple("k-" + n, n));
            if (n % 100 == 0) {
                System.out.println(n);
                System.out.flush();
            }
        }
    }
}
