package dev.freeport.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport config check} never prints a secret: not in the YAML parser's snippet, not in a URL. */
class ConfigSecretsTest {
    @TempDir
    Path tmp;

    private CliRun check(String yaml) throws Exception {
        Path file = tmp.resolve("freeport.yaml");
        Files.writeString(file, yaml);
        return CliRun.in(tmp, Map.of(), "config", "check", file.toString());
    }

    @Test
    void aSyntaxErrorOnAnApiKeyLineDoesNotPrintTheKey() throws Exception {
        CliRun r = check("""
                providers:
                  openai:
                    type: openai
                    api_key: sk-live-9f8e7d6c5b4a: extra
                models: []
                """);
        assertThat(r.code()).isNotZero();
        assertThat(r.out() + r.err()).contains("line 4").doesNotContain("9f8e7d6c5b4a");
    }

    @Test
    void aSyntaxErrorInAFlowMappingWithAKeyDoesNotPrintTheKey() throws Exception {
        CliRun r = check("""
                providers:
                  openai: { type: openai, api_key: sk-live-9f8e7d6c5b4a, base_url: [ }
                models: []
                """);
        assertThat(r.code()).isNotZero();
        assertThat(r.out() + r.err()).contains("invalid YAML").doesNotContain("9f8e7d6c5b4a");
    }

    @Test
    void credentialsInABaseUrlAreMaskedInTheSummary() throws Exception {
        CliRun r = check("""
                providers:
                  local: { type: openai, base_url: "http://admin:hunter2-pass@gpu-box:8000/v1" }
                models:
                  - { name: m, targets: [ local/llama ] }
                """);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("http://admin:***@gpu-box:8000/v1").doesNotContain("hunter2");
    }

    @Test
    void credentialsInABadBaseUrlAreMaskedInTheProblem() throws Exception {
        CliRun r = check("""
                providers:
                  local: { type: openai, base_url: "ftp://admin:hunter2-pass@gpu-box/v1" }
                models:
                  - { name: m, targets: [ local/llama ] }
                """);
        assertThat(r.code()).isNotZero();
        assertThat(r.out() + r.err()).contains("base_url").doesNotContain("hunter2");
    }
}
