package dev.freeport.config;

/**
 * @param masterKey    if set, every /v1 request must carry it (Authorization: Bearer or x-api-key); may be null
 * @param adminKey     if set, admin calls (/admin/...) need it; defaults to the master key when null
 * @param maxBodyBytes requests with a larger body get 413
 * @param edge         connection limits, timeouts and the shutdown grace period
 */
public record ServerConfig(String host, int port, String masterKey, String adminKey, long maxBodyBytes,
                           EdgeConfig edge) {
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

    /** With the default limits and timeouts. */
    public ServerConfig(String host, int port, String masterKey, String adminKey, long maxBodyBytes) {
        this(host, port, masterKey, adminKey, maxBodyBytes, EdgeConfig.DEFAULTS);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, masterKey, adminKey, maxBodyBytes, edge);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, masterKey, adminKey, maxBodyBytes, edge);
    }
}
