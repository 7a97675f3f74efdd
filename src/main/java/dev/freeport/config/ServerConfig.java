package dev.freeport.config;

/**
 * @param masterKey    if set, every /v1 request must carry it or a virtual key; may be null
 * @param adminKey     if set, admin calls (/admin/...) need it; defaults to the master key when null
 * @param maxBodyBytes requests with a larger body get 413
 * @param allowOpen    {@code serve} may listen beyond loopback with no key required on /v1 (refused otherwise)
 * @param requireKeys  every /v1 call needs the master key or a virtual key, also without a master key; when false
 *                     and no master key is set, callers without a key are served as "anonymous" (virtual keys that
 *                     exist do not change that: the choice is this setting, not the first key's creation)
 * @param requestLog   the per-request log line: which requests, in which format, where
 * @param edge         connection limits, timeouts and the shutdown grace period
 * @param tls          HTTPS (and optional client certificates), or null for plain HTTP
 */
public record ServerConfig(String host, int port, String masterKey, String adminKey, long maxBodyBytes,
                           boolean allowOpen, boolean requireKeys, RequestLogConfig requestLog,
                           EdgeConfig edge, TlsConfig tls) {
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

    public ServerConfig {
        requestLog = requestLog == null ? RequestLogConfig.DEFAULT : requestLog;
        edge = edge == null ? EdgeConfig.DEFAULTS : edge;
    }

    /**
     * Loopback only, no open-listening permission, keys as the master key decides, the default request log and edge
     * limits.
     */
    public ServerConfig(String host, int port, String masterKey, String adminKey, long maxBodyBytes) {
        this(host, port, masterKey, adminKey, maxBodyBytes, false, false, null, null);
    }

    /** Plain HTTP. */
    public ServerConfig(String host, int port, String masterKey, String adminKey, long maxBodyBytes,
                        boolean allowOpen, boolean requireKeys, RequestLogConfig requestLog, EdgeConfig edge) {
        this(host, port, masterKey, adminKey, maxBodyBytes, allowOpen, requireKeys, requestLog, edge, null);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, masterKey, adminKey, maxBodyBytes, allowOpen, requireKeys, requestLog, edge,
                tls);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, masterKey, adminKey, maxBodyBytes, allowOpen, requireKeys, requestLog, edge,
                tls);
    }

    /** Whether every /v1 call must present a key (the master key, or a virtual key). */
    public boolean keysRequired() {
        return masterKey != null || requireKeys;
    }

    /** The key admin calls need: the admin key, else the master key; null when neither is set. */
    public String effectiveAdminKey() {
        return adminKey != null ? adminKey : masterKey;
    }

    /** Whether the gateway listens on a loopback address only (127.0.0.0/8, ::1, localhost). */
    public boolean loopbackOnly() {
        return isLoopback(host);
    }

    /** Beyond loopback with no key required on /v1: anyone who can reach it spends the provider keys. */
    public boolean openBeyondLoopback() {
        return !loopbackOnly() && !keysRequired();
    }

    static boolean isLoopback(String host) {
        String h = host.strip();
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }
}
