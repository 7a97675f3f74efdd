package dev.freeport.config;

/**
 * @param masterKey    if set, every /v1 request must carry it (Authorization: Bearer or x-api-key); may be null
 * @param adminKey     if set, admin calls (/admin/...) need it; defaults to the master key when null
 * @param maxBodyBytes requests with a larger body get 413
 */
public record ServerConfig(String host, int port, String masterKey, String adminKey, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;
}
