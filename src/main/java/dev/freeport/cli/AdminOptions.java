package dev.freeport.cli;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ServerConfig;
import picocli.CommandLine.Option;

/**
 * {@code --url} and {@code --admin-key}, mixed into the commands that call a running gateway's admin API (keys,
 * teams), next to {@link ConfigOption}. Each is taken from the first that has it: the flag, the environment
 * ({@code FREEPORT_URL}; {@code FREEPORT_ADMIN_KEY}, then {@code FREEPORT_MASTER_KEY}), the config (server host and
 * port; server.admin_key, then master_key), the default (http://127.0.0.1:4000; no key).
 */
final class AdminOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:4000";

    @Option(names = "--url", paramLabel = "URL", description = "The gateway's base URL (default: $FREEPORT_URL, "
            + "else the config's server host and port, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--admin-key", paramLabel = "KEY", description = "The admin key (default: $FREEPORT_ADMIN_KEY, "
            + "else $FREEPORT_MASTER_KEY, else the config's server.admin_key, else its master_key).")
    String adminKey;

    private final CliContext ctx;

    AdminOptions() {
        this(CliContext.SYSTEM);
    }

    AdminOptions(CliContext ctx) {
        this.ctx = ctx;
    }

    /** A value and where it came from ("--url", "FREEPORT_URL", "server.port in ./freeport.yaml", "the default"). */
    record Sourced(String value, String source) {
    }

    /** The gateway to call and the key to call it with; the config is read only when flags and env leave a gap. */
    AdminClient client(ConfigOption config) {
        return new AdminClient(url(config), key(config));
    }

    Sourced url(ConfigOption config) {
        if (url != null && !url.isBlank()) {
            return new Sourced(trimSlash(url.strip()), "--url");
        }
        String env = ctx.env("FREEPORT_URL");
        if (env != null) {
            return new Sourced(trimSlash(env.strip()), "FREEPORT_URL");
        }
        FreeportConfig cfg = config.load();
        if (cfg != null) {
            ServerConfig s = cfg.server();
            String where = "server.host/port in " + config.path().orElseThrow();
            if (s.port() == 0) {
                throw CliFailure.usage("the config's server.port is 0 (a random port): pass --url or set FREEPORT_URL");
            }
            return new Sourced((s.tls() != null ? "https://" : "http://") + clientHost(s.host()) + ":" + s.port(),
                    where);
        }
        return new Sourced(DEFAULT_URL, "the default");
    }

    Sourced key(ConfigOption config) {
        if (adminKey != null && !adminKey.isEmpty()) {
            return new Sourced(adminKey, "--admin-key");
        }
        for (String name : new String[]{"FREEPORT_ADMIN_KEY", "FREEPORT_MASTER_KEY"}) {
            if (ctx.env(name) != null) {
                return new Sourced(ctx.env(name), name);
            }
        }
        FreeportConfig cfg = config.load();
        if (cfg != null) {
            String file = config.path().orElseThrow().toString();
            if (cfg.server().adminKey() != null) {
                return new Sourced(cfg.server().adminKey(), "server.admin_key in " + file);
            }
            if (cfg.server().masterKey() != null) {
                return new Sourced(cfg.server().masterKey(), "server.master_key in " + file);
            }
        }
        return new Sourced(null, "none");
    }

    /** Where a client reaches a server listening on {@code host}: the wildcard addresses mean this machine. */
    static String clientHost(String host) {
        String h = host.strip();
        if (h.equals("0.0.0.0") || h.isEmpty()) {
            return "127.0.0.1";
        }
        if (h.equals("::") || h.equals("[::]")) {
            return "[::1]";
        }
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private static String trimSlash(String u) {
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
