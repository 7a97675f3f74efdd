package dev.freeport.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS from PEM files, client certificates, certificates reloaded with the config, headers of admin answers. */
class TlsTest {
    static final String MODELS = """
            providers:
              sim: { type: sandbox, models: { s: { ttft: 0ms } } }
            models:
              - { name: s, targets: [ sim/s ] }
            """;

    /** Every certificate the tests use, made once (each is a keytool run, a second or two). */
    static TestCertificates certs;

    @TempDir
    static Path certDir;
    @TempDir
    Path dir;
    TestGateway gw;

    @org.junit.jupiter.api.BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(certDir);
        certs.ca("ca");
        certs.server("srv", "ca");
        certs.server("old", "ca");
        certs.server("new", "ca");
        certs.ca("clients");
        certs.signed("alice", "clients", null);
        certs.ca("rogue");
        certs.signed("mallory", "rogue", null);
    }

    static Path crt(String name) {
        return certDir.resolve(name + ".crt");
    }

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
    }

    private TestGateway start(String tls) {
        return TestGateway.fromYaml("admin_key: adm-key-1, tls: { " + tls + " }", MODELS, v -> List.of());
    }

    private static HttpClient client(SSLContext ctx) {
        return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> get(HttpClient c, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gw.gateway().port() + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient c, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gw.gateway().port() + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsFromPemFilesToARealTlsClient() throws Exception {
        gw = start("cert: " + crt("srv") + ", key: " + certs.keyOf("srv"));

        HttpClient c = client(certs.context("ca", null));
        HttpResponse<String> r = post(c, "/v1/chat/completions", """
                {"model":"s","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.sslSession()).isPresent();
        X509Certificate peer = (X509Certificate) r.sslSession().get().getPeerCertificates()[0];
        assertThat(peer.getSubjectX500Principal().getName()).isEqualTo("CN=srv");
        assertThatThrownBy(() -> gw.get("/health")).isInstanceOf(RuntimeException.class); // plain HTTP is not served
    }

    @Test
    void withAClientCaOnlyClientsWithACertificateItSignedGetThrough() throws Exception {
        gw = start("cert: " + crt("srv") + ", key: " + certs.keyOf("srv") + ", client_ca: " + crt("clients"));

        assertThat(get(client(certs.context("ca", "alice")), "/health").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> get(client(certs.context("ca", null)), "/health")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(client(certs.context("ca", "mallory")), "/health"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aReloadServesTheRenewedCertificateToNewConnections() throws Exception {
        Path live = dir.resolve("live.crt");
        Path liveKey = dir.resolve("live.key");
        Files.copy(crt("old"), live);
        Files.copy(certs.keyOf("old"), liveKey);
        gw = start("cert: " + live + ", key: " + liveKey);
        assertThat(peer(client(certs.context("ca", null)))).isEqualTo("CN=old");

        Files.copy(crt("new"), live, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certs.keyOf("new"), liveKey, StandardCopyOption.REPLACE_EXISTING);
        HttpResponse<String> reload = post(client(certs.context("ca", null)), "/admin/reload", "",
                "authorization", "Bearer adm-key-1");

        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(peer(client(certs.context("ca", null)))).isEqualTo("CN=new");
    }

    @Test
    void aReloadWithAnUnreadableCertificateIsRefusedAndTheOldOneStays() throws Exception {
        Path live = dir.resolve("live.crt");
        Files.copy(crt("old"), live);
        gw = start("cert: " + live + ", key: " + certs.keyOf("old"));

        Files.writeString(live, "not a certificate");
        HttpResponse<String> reload = post(client(certs.context("ca", null)), "/admin/reload", "",
                "authorization", "Bearer adm-key-1");

        assertThat(reload.statusCode()).isEqualTo(400);
        assertThat(reload.body()).contains("server.tls.cert").contains("no readable PEM certificate");
        assertThat(peer(client(certs.context("ca", null)))).isEqualTo("CN=old");
    }

    @Test
    void adminAnswersCarrySecurityHeaders() throws Exception {
        gw = start("cert: " + crt("srv") + ", key: " + certs.keyOf("srv"));
        HttpResponse<String> r = post(client(certs.context("ca", null)), "/admin/reload", "",
                "authorization", "Bearer adm-key-1");

        assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(r.headers().firstValue("content-security-policy")).hasValue("default-src 'none'; "
                + "frame-ancestors 'none'");
        assertThat(r.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");
    }

    @Test
    void beyondLoopbackWithoutAKeyAdminCallsAreRefusedOverTlsToo() throws Exception {
        Path file = dir.resolve("freeport.yaml");
        Files.writeString(file, "server: { host: 0.0.0.0, port: 0, allow_open: true, tls: { cert: " + crt("srv")
                + ", key: " + certs.keyOf("srv") + " } }\nledger: { data_dir: " + dir.resolve("data") + " }\n"
                + MODELS);
        var cfg = dev.freeport.config.ConfigLoader.load(file);
        Gateway g = Gateway.start(cfg, file, dev.freeport.ledger.JournaledLedger.open(cfg.ledger(), cfg.store()));
        try {
            HttpClient c = client(certs.context("ca", null));
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + g.port()
                    + "/admin/reload")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("admin_forbidden");
        } finally {
            g.close();
        }
    }

    private String peer(HttpClient c) throws Exception {
        HttpResponse<String> r = get(c, "/health");
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
    }
}
