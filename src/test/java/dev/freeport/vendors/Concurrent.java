package dev.freeport.vendors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two stores (as two replicas) disabling vendors at the same time. */
final class Concurrent {
    private Concurrent() {
    }

    /** Each store disables {@code perStore} vendors of its own and all the shared "both-i" ones, all at once. */
    static List<VendorSwitch> disableFromBoth(VendorSwitchStore one, VendorSwitchStore two, int perStore)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<VendorSwitch>>> work = List.of(
                    () -> writes(one, "one", perStore), () -> writes(two, "two", perStore),
                    () -> writes(one, "both", perStore), () -> writes(two, "both", perStore));
            List<VendorSwitch> all = new ArrayList<>();
            for (Future<List<VendorSwitch>> f : pool.invokeAll(work)) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<VendorSwitch> writes(VendorSwitchStore s, String prefix, int n) {
        List<VendorSwitch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.set(prefix + "-" + i, true, prefix, "t"));
        }
        return out;
    }

    static void assertNothingLost(VendorSwitchStore s, List<VendorSwitch> written, int perStore) {
        assertThat(written).extracting(VendorSwitch::version).doesNotHaveDuplicates();
        List<VendorSwitch> stored = s.all();
        assertThat(stored).hasSize(3 * perStore).allMatch(VendorSwitch::disabled);
        // a reader that polled from 0 gets every row, and the highest version is the number of writes
        assertThat(s.changesSince(0)).hasSize(3 * perStore);
        assertThat(stored.stream().mapToLong(VendorSwitch::version).max().orElseThrow())
                .isEqualTo(written.size());
    }
}
