package dev.freeport.vendors;

import dev.freeport.config.FreeportConfig;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.Module;
import dev.freeport.route.VendorSwitches;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;

/**
 * The vendor kill switch, wired: the store (SQLite or PostgreSQL, as keys and teams), the in-memory board and its
 * refresher, and the admin endpoints. A {@link Module}: its vendor switches steer the router, its admin routes are
 * /admin/vendors. Open once per gateway; close with it.
 */
public final class VendorsModule implements Module, VendorSwitches {
    private final VendorSwitchStore store;
    private final VendorSwitchBoard board;
    private final VendorAdminApi admin;

    private VendorsModule(Vertx vertx, VendorSwitchStore store, Duration every) {
        this.store = store;
        this.board = new VendorSwitchBoard(store, every);
        this.admin = new VendorAdminApi(vertx, board);
    }

    /** Opens the store the config names (blocking), loads every switch, starts refreshing every 250 ms. */
    public static VendorsModule open(Vertx vertx, FreeportConfig cfg) {
        return open(vertx, VendorSwitchStore.open(cfg), VendorSwitchBoard.REFRESH_EVERY);
    }

    /** With a given store (owned from here on) and refresh interval. */
    public static VendorsModule open(Vertx vertx, VendorSwitchStore store, Duration every) {
        try {
            return new VendorsModule(vertx, store, every);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public Off disabled(String vendor) {
        return board.disabled(vendor);
    }

    @Override
    public VendorSwitches vendorSwitches() {
        return this;
    }

    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(admin);
    }

    public VendorSwitchBoard board() {
        return board;
    }

    public VendorAdminApi admin() {
        return admin;
    }

    @Override
    public void close() {
        try (store) {
            board.close();
        }
    }
}
