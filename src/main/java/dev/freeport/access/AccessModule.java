package dev.freeport.access;

import dev.freeport.caller.Authenticator;
import dev.freeport.caller.MasterKeyAuthenticator;
import dev.freeport.config.FreeportConfig;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.Module;
import dev.freeport.store.Refresher;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Virtual keys and teams, wired: the store (SQLite or PostgreSQL per config), the in-memory snapshot and its
 * refresher thread (every 500 ms, only what changed), the authenticator factory, and the
 * {@link AdminApi}: a {@link Module}. Open it once per gateway; close it with it.
 */
public final class AccessModule implements Module {
    private static final Logger LOG = Logger.getLogger(AccessModule.class.getName());
    public static final Duration REFRESH_EVERY = Duration.ofMillis(500);

    private final KeyStore store;
    private final KeySnapshot snapshot;
    private final AccessService service;
    private final AdminApi admin;
    private final Clock clock;
    private final Refresher refresher;

    private AccessModule(Vertx vertx, KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.snapshot = new KeySnapshot(store);
        this.service = new AccessService(store, snapshot, clock);
        this.admin = new AdminApi(vertx, service, this::openWarning);
        snapshot.refresh();
        this.refresher = new Refresher("key", REFRESH_EVERY, snapshot::refresh);
    }

    /** Opens the store the config names (blocking: migrations run here), loads every key, starts refreshing. */
    public static AccessModule open(Vertx vertx, FreeportConfig cfg) {
        return open(vertx, KeyStore.open(cfg), Clock.systemUTC());
    }

    /** With a given store (owned from here on) and clock (tests: expiry). */
    public static AccessModule open(Vertx vertx, KeyStore store, Clock clock) {
        try {
            return new AccessModule(vertx, store, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The config's master key, then virtual keys. */
    @Override
    public Function<FreeportConfig, Authenticator> authenticators() {
        return cfg -> {
            boolean nowOpen = !cfg.server().keysRequired();
            Boolean before = open;
            open = nowOpen;
            if (before == null || before != nowOpen) {
                LOG.info(nowOpen ? "/v1 is open: callers without a key are served as \"anonymous\", without limits"
                        + " (no master_key, server.require_keys: false); virtual keys count only when presented"
                        : "/v1 requires a key: the master key or a virtual key" + (before == null ? ""
                        : " (changed by a config reload)"));
            }
            return authenticator(cfg.server().masterKey(), cfg.server().requireKeys());
        };
    }

    public VirtualKeyAuthenticator authenticator(String masterKey) {
        return authenticator(masterKey, false);
    }

    public VirtualKeyAuthenticator authenticator(String masterKey, boolean requireKeys) {
        return new VirtualKeyAuthenticator(new MasterKeyAuthenticator(masterKey, requireKeys), snapshot, clock);
    }

    /** Whether the current config lets callers in without a key (null before the first config). */
    private volatile Boolean open;

    /** A key was created while /v1 is open: it limits only callers who present it. Logged, and said in the answer. */
    String openWarning() {
        if (!Boolean.TRUE.equals(open)) {
            return null;
        }
        String w = "/v1 is open (no master_key, server.require_keys: false): callers without a key are not limited"
                + " by this key; set server.require_keys: true to require a key from every caller";
        LOG.warning("virtual key created; " + w);
        return w;
    }

    public AdminApi admin() {
        return admin;
    }

    /** /admin/keys, /admin/teams and /admin/openapi.json. */
    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(admin);
    }

    /** Blocking operations (tests, tools); the HTTP API goes through {@link #admin()}. */
    public AccessService service() {
        return service;
    }

    public KeySnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void close() {
        refresher.close();
        store.close();
    }
}
