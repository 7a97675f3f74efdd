package dev.freeport.server;

import dev.freeport.config.TlsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * Server TLS from PEM files ({@code server.tls}): read into memory when the gateway starts and on every reload, so
 * a renewed certificate (same paths, new contents) is what the next handshake gets; connections already open keep
 * theirs. With {@code client_ca}, a client must present a certificate that chains to it (mutual TLS). Blocking:
 * call on a worker or at start-up. Messages name the file, never its contents.
 */
final class Tls {
    private Tls() {
    }

    /** The material of {@code tls}, checked: certificates that parse, a key that is a PEM private key. */
    static ServerSSLOptions options(TlsConfig tls) {
        ServerSSLOptions o = new ServerSSLOptions().setKeyCertOptions(new PemKeyCertOptions()
                .setCertValue(certificates(tls.cert(), "server.tls.cert")).setKeyValue(key(tls.key())));
        if (tls.clientCa() != null) {
            o.setTrustOptions(new PemTrustOptions().addCertValue(certificates(tls.clientCa(), "server.tls.client_ca")))
                    .setClientAuth(ClientAuth.REQUIRED);
        }
        return o;
    }

    /** Server options with TLS switched on, from {@link #options}. */
    static void apply(HttpServerOptions server, ServerSSLOptions ssl) {
        server.setSsl(true).setKeyCertOptions(ssl.getKeyCertOptions());
        if (ssl.getTrustOptions() != null) {
            server.setTrustOptions(ssl.getTrustOptions()).setClientAuth(ssl.getClientAuth());
        }
    }

    private static Buffer certificates(Path file, String field) {
        byte[] pem = read(file, field);
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                    .isEmpty()) {
                throw new IllegalStateException(field + ": no certificate in " + file);
            }
        } catch (CertificateException e) {
            throw new IllegalStateException(field + ": " + file + " holds no readable PEM certificate", e);
        }
        return Buffer.buffer(pem);
    }

    private static Buffer key(Path file) {
        byte[] pem = read(file, "server.tls.key");
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN PRIVATE KEY-----") && !text.contains("-----BEGIN RSA PRIVATE KEY-----")
                && !text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalStateException("server.tls.key: " + file + " holds no PEM private key (PKCS#8 "
                    + "\"BEGIN PRIVATE KEY\", or PKCS#1 \"BEGIN RSA PRIVATE KEY\")");
        }
        return Buffer.buffer(pem);
    }

    private static byte[] read(Path file, String field) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(field + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
