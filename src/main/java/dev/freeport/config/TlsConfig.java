package dev.freeport.config;

import java.nio.file.Path;

/**
 * {@code server.tls}: the gateway serves HTTPS with this certificate; with {@code clientCa}, only clients that
 * present a certificate signed by it get through (mutual TLS). The files are read when the gateway starts and again
 * on every reload (SIGHUP, {@code POST /admin/reload}), so a renewed certificate is served without a restart.
 *
 * @param cert     PEM certificate chain (the server's certificate first)
 * @param key      PEM private key (PKCS#8 or PKCS#1)
 * @param clientCa PEM certificates that client certificates must chain to, or null (no client certificates)
 */
public record TlsConfig(Path cert, Path key, Path clientCa) {
    @Override
    public String toString() {
        return "TlsConfig[cert=" + cert + ", key=" + key + ", clientCa=" + clientCa + "]";
    }
}
