package dev.freeport.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the {@code server} section: address, keys, body limit, exposure rules, the request log, and
 * the edge's connection limits and timeouts. */
final class ServerReader {
    static final Set<String> SERVER_KEYS = ConfigLoader.keys("host", "port", "master_key", "admin_key", "max_body",
            "allow_open", "require_keys", "request_log", "max_pending_body", "max_connections", "head_timeout", "body_timeout",
            "idle_timeout", "shutdown_grace", "tls");
    static final Set<String> TLS_KEYS = ConfigLoader.keys("cert", "key", "client_ca");
    static final Set<String> REQUEST_LOG_KEYS = ConfigLoader.keys("requests", "format", "file");
    private static final List<String> REQUESTS = List.of("failures", "all", "off");
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 4000;

    private ServerReader() {
    }

    static ServerConfig read(Section s, Path baseDir) {
        String host = s.str("host", DEFAULT_HOST);
        if (host.isBlank()) {
            s.problem("host", "must not be empty (an address to listen on, e.g. 127.0.0.1 or 0.0.0.0)");
            host = DEFAULT_HOST;
        }
        int port = s.integer("port", DEFAULT_PORT, 0, 65535);
        String masterKey = ConfigLoader.emptyToNull(s.str("master_key", null));
        String adminKey = ConfigLoader.emptyToNull(s.str("admin_key", null));
        long maxBody = s.size("max_body", ServerConfig.DEFAULT_MAX_BODY);
        boolean allowOpen = s.bool("allow_open", false);
        boolean requireKeys = s.bool("require_keys", false);
        return new ServerConfig(host.strip(), port, masterKey, adminKey, maxBody, allowOpen, requireKeys,
                requestLog(s, baseDir), edge(s), tls(s, baseDir));
    }

    /** {@code tls: { cert, key, client_ca }}: PEM files, relative to the config file; null when absent. */
    private static TlsConfig tls(Section s, Path baseDir) {
        if (!s.has("tls")) {
            return null;
        }
        Section t = s.section("tls", TLS_KEYS);
        Path cert = pemFile(t, "cert", baseDir, true);
        Path key = pemFile(t, "key", baseDir, true);
        Path ca = pemFile(t, "client_ca", baseDir, false);
        return cert == null || key == null ? null : new TlsConfig(cert, key, ca);
    }

    private static Path pemFile(Section t, String field, Path baseDir, boolean required) {
        String v = required ? t.required(field, "a PEM file") : ConfigLoader.emptyToNull(t.str(field, null));
        if (v == null) {
            return null;
        }
        try {
            Path p = baseDir.resolve(v).toAbsolutePath().normalize();
            if (!java.nio.file.Files.isReadable(p)) {
                t.problem(field, "cannot read " + p);
                return null;
            }
            return p;
        } catch (InvalidPathException e) {
            t.problem(field, "not a usable path: " + e.getReason());
            return null;
        }
    }

    /** Connection limits, timeouts and the shutdown grace; absent keys keep {@link EdgeConfig#DEFAULTS}. */
    private static EdgeConfig edge(Section s) {
        EdgeConfig d = EdgeConfig.DEFAULTS;
        return new EdgeConfig(s.size("max_pending_body", d.maxPendingBody()),
                s.integer("max_connections", d.maxConnections(), 1, 1_000_000),
                s.duration("head_timeout", d.headTimeout(), false),
                s.duration("body_timeout", d.bodyTimeout(), false),
                s.duration("idle_timeout", d.idleTimeout(), false),
                s.duration("shutdown_grace", d.shutdownGrace(), true));
    }

    /** {@code request_log: all} (failures, all, off), or {@code { requests, format: text|json, file }}. */
    private static RequestLogConfig requestLog(Section s, Path baseDir) {
        if (!s.has("request_log")) {
            return RequestLogConfig.DEFAULT;
        }
        if (s.node("request_log") instanceof YamlTree.Scalar) {
            String v = s.choice("request_log", "failures", REQUESTS);
            return new RequestLogConfig(requests(v), null, null);
        }
        Section r = s.section("request_log", REQUEST_LOG_KEYS);
        String requests = r.choice("requests", "failures", REQUESTS);
        String format = r.choice("format", "text", List.of("text", "json"));
        String file = ConfigLoader.emptyToNull(r.str("file", null));
        Path path = null;
        if (file != null && !file.equals("stdout") && !file.equals("-")) {
            try {
                path = baseDir.resolve(file).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                r.problem("file", "not a usable path: " + e.getReason());
            }
        }
        return new RequestLogConfig(requests(requests),
                format == null ? null : RequestLogConfig.Format.valueOf(format.toUpperCase(Locale.ROOT)), path);
    }

    private static RequestLogConfig.Requests requests(String v) {
        return v == null ? null : RequestLogConfig.Requests.valueOf(v.toUpperCase(Locale.ROOT));
    }
}
