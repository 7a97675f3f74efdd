package dev.freeport.server;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for a test with the JDK's keytool (run as a process, one run per certificate): CAs, server
 * certificates for 127.0.0.1/localhost and client certificates signed by them; written as PEM files as an operator
 * would have them, and SSL contexts for Java's HTTP client.
 */
final class TestCertificates {
    private static final String PASS = "test-pass";
    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A self-signed CA; returns its PEM certificate file. */
    Path ca(String name) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", store(), "-storetype", "PKCS12");
        Path pem = dir.resolve(name + ".crt");
        Files.writeString(pem, pem(cert(name)));
        return pem;
    }

    /**
     * A certificate for {@code name} signed by {@code ca} (one keytool run: {@code -genkeypair -signer}):
     * {@code name}.crt (its chain, leaf first) and {@code name}.key (PKCS#8) next to it.
     */
    Path signed(String name, String ca, String san) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize",
                "2048", "-dname", "CN=" + name, "-validity", "2", "-keystore", store(), "-storetype", "PKCS12",
                "-signer", ca, "-signerkeypass", PASS));
        if (san != null) {
            args.addAll(List.of("-ext", "san=" + san));
        }
        keytool(args.toArray(String[]::new));
        Path chain = dir.resolve(name + ".crt");
        StringBuilder pems = new StringBuilder();
        for (Certificate c : load().getCertificateChain(name)) {
            pems.append(pem(c));
        }
        Files.writeString(chain, pems);
        Files.writeString(dir.resolve(name + ".key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key(name).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return chain;
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    Path server(String name, String ca) throws Exception {
        return signed(name, ca, "ip:127.0.0.1,dns:localhost");
    }

    Path keyOf(String name) {
        return dir.resolve(name + ".key");
    }

    /** A client context trusting {@code ca}, presenting {@code client}'s certificate when not null. */
    SSLContext context(String ca, String client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", cert(ca));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key(client), PASS.toCharArray(), chain(client));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASS.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private Certificate[] chain(String name) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".crt"))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
        }
    }

    X509Certificate cert(String alias) throws Exception {
        return (X509Certificate) load().getCertificate(alias);
    }

    private PrivateKey key(String alias) throws Exception {
        return (PrivateKey) load().getKey(alias, PASS.toCharArray());
    }

    private KeyStore load() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store()))) {
            ks.load(in, PASS.toCharArray());
        }
        return ks;
    }

    /** One keystore holds every key of the test (the CAs sign from it). */
    private String store() {
        return dir.resolve("certs.p12").toString();
    }

    private static String pem(Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASS, "-keypass", PASS, "-noprompt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
