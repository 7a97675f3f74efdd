package dev.freeport.console;

import dev.freeport.config.FreeportConfig;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.AdminSessions;
import dev.freeport.module.Module;
import dev.freeport.module.WebRoutes;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The web console (docs/CONSOLE.md), a {@link Module}: pages and assets under {@code /ui} from the jar, a login
 * with the admin key that opens a session (cookie HttpOnly, SameSite=Strict, Secure over TLS), the session
 * standing in for the admin key on {@code /admin/...} with a CSRF token for every state change, and the read-only
 * {@code /admin/usage} endpoints the pages read. Sessions live in this process (a load balancer in front of many
 * replicas needs sticky sessions for the console).
 */
public final class ConsoleModule implements Module {
    /** A session ends after this long without a request... */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** ...and this long after its login, whichever comes first. */
    public static final Duration LIFETIME = Duration.ofHours(8);

    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final UsageAdmin usage;

    private ConsoleModule(Vertx vertx, Supplier<FreeportConfig> cfg, Clock clock, Duration idle, Duration lifetime) {
        Sessions store = new Sessions(clock, idle, lifetime);
        this.sessions = new ConsoleSessions(store);
        this.pages = new ConsolePages(store, new Assets(), clock);
        this.usage = new UsageAdmin(vertx, cfg, clock);
    }

    /** The console over the gateway's config (its ledger and providers, for the usage pages). */
    public static ConsoleModule open(Vertx vertx, FreeportConfig cfg) {
        return open(vertx, () -> cfg, Clock.systemUTC(), IDLE, LIFETIME);
    }

    /** With the config as it is now (a running gateway's), a given clock and session expiry (tests). */
    public static ConsoleModule open(Vertx vertx, Supplier<FreeportConfig> cfg, Clock clock, Duration idle,
                                     Duration lifetime) {
        return new ConsoleModule(vertx, cfg, clock, idle, lifetime);
    }

    @Override
    public List<WebRoutes> webRoutes() {
        return List.of(pages);
    }

    @Override
    public AdminSessions adminSessions() {
        return sessions;
    }

    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(usage);
    }
}
