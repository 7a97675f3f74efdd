package dev.freeport.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve} refuses to listen beyond loopback when no key is required on /v1, unless told to. */
class ServeExposureTest {
    @TempDir
    Path tmp;

    @Test
    void serveOnAllInterfacesWithoutAKeyRefusesToStart() throws Exception {
        Path file = tmp.resolve("freeport.yaml");
        Files.writeString(file, """
                server: { host: 0.0.0.0, port: 0 }
                providers:
                  sb: { type: sandbox, models: { fast: {} } }
                models:
                  - { name: m, targets: [ sb/fast ] }
                ledger: { data_dir: "%s" }
                """.formatted(tmp.resolve("data")));
        CliRun r = CliRun.in(tmp, Map.of(), "serve", "--config", file.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("refusing to listen on 0.0.0.0").contains("server.allow_open: true")
                .contains("server.master_key");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void tlsDoesNotStandInForAKey() throws Exception {
        Files.writeString(tmp.resolve("cert.pem"), "unused: serve refuses before it reads them");
        Files.writeString(tmp.resolve("key.pem"), "unused");
        Path file = tmp.resolve("freeport.yaml");
        Files.writeString(file, """
                server: { host: 0.0.0.0, port: 0, tls: { cert: cert.pem, key: key.pem } }
                providers:
                  sb: { type: sandbox, models: { fast: {} } }
                models:
                  - { name: m, targets: [ sb/fast ] }
                ledger: { data_dir: "%s" }
                """.formatted(tmp.resolve("data")));
        CliRun r = CliRun.in(tmp, Map.of(), "serve", "--config", file.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("refusing to listen on 0.0.0.0");
        assertThat(tmp.resolve("data")).doesNotExist();
    }
}
