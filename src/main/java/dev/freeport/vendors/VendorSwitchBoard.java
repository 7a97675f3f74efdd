package dev.freeport.vendors;

import dev.freeport.api.VendorNames;
import dev.freeport.route.VendorSwitches;
import dev.freeport.store.Refresher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kill switch as the router reads it: an in-memory map of the vendors that are off, looked up per request
 * without I/O. A daemon thread pulls what changed in the store every {@link #REFRESH_EVERY} (one indexed query),
 * so a switch flipped on any replica, or by the CLI on the shared database, is in force everywhere well within a
 * second; a write through this board is in force here at once. A failed refresh keeps the last known state.
 */
public final class VendorSwitchBoard implements VendorSwitches, AutoCloseable {
    public static final Duration REFRESH_EVERY = Duration.ofMillis(250);

    private final VendorSwitchStore store;
    private final ConcurrentHashMap<String, Off> off = new ConcurrentHashMap<>();
    private final Refresher refresher;
    private long version; // guarded by this

    /** Loads every switch from {@code store} (blocking), then refreshes every {@code every}. Does not own the store. */
    public VendorSwitchBoard(VendorSwitchStore store, Duration every) {
        this.store = store;
        refresh();
        this.refresher = new Refresher("vendor switch", every, this::refresh);
    }

    public VendorSwitchBoard(VendorSwitchStore store) {
        this(store, REFRESH_EVERY);
    }

    @Override
    public Off disabled(String vendor) {
        return vendor == null ? null : off.get(vendor);
    }

    /** Turns a vendor off (name normalised here); in force on this replica on return. Blocking. */
    public VendorSwitch disable(String vendor, String reason, String by) {
        VendorSwitch s = store.set(VendorNames.require(vendor), true, reason, by);
        refresh();
        return s;
    }

    /** Turns a vendor back on ({@code reason} may be null); in force on this replica on return. Blocking. */
    public VendorSwitch enable(String vendor, String reason, String by) {
        VendorSwitch s = store.set(VendorNames.require(vendor), false, reason, by);
        refresh();
        return s;
    }

    /** Every stored switch, from the store (blocking). */
    public List<VendorSwitch> list() {
        return store.all();
    }

    /** Applies what changed in the store since the last refresh (blocking). */
    public synchronized void refresh() {
        List<VendorSwitch> changes = store.changesSince(version);
        for (VendorSwitch s : changes) {
            if (s.disabled()) {
                off.put(s.vendor(), s.off());
            } else {
                off.remove(s.vendor());
            }
            version = Math.max(version, s.version());
        }
    }

    @Override
    public void close() {
        refresher.close();
    }
}
