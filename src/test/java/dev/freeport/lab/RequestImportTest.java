package dev.freeport.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Request sets read from the files teams have: each format gives the same request, bad lines are counted. */
class RequestImportTest {
    @TempDir
    Path dir;

    RequestImport.Imported read(String content) throws IOException {
        Path f = dir.resolve("in");
        Files.writeString(f, content);
        return RequestImport.read(f, "coder", 1_000);
    }

    static String prompt(RequestImport.Imported imp, int i) {
        return imp.samples().get(i).request().at("/messages/0/content").asText();
    }

    @Test
    void chatJsonlBatchInputAndLoggedLinesGiveTheirRequests() throws IOException {
        RequestImport.Imported imp = read("""
                {"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"one"}]}
                {"custom_id":"r2","method":"POST","url":"/v1/chat/completions","body":{"model":"x","messages":[{"role":"user","content":"two"}]}}
                {"request":{"model":"x","messages":[{"role":"user","content":"three"}]},"response":{}}
                {"custom_id":"r4","method":"POST","url":"/v1/embeddings","body":{"input":"no"}}
                not json
                """);

        assertThat(imp.samples()).hasSize(3);
        assertThat(prompt(imp, 0)).isEqualTo("one");
        assertThat(prompt(imp, 1)).isEqualTo("two");
        assertThat(prompt(imp, 2)).isEqualTo("three");
        assertThat(imp.samples().getFirst().request().path("model").asText()).isEqualTo("coder");
        assertThat(imp.samples().getFirst().request().has("stream")).isFalse();
        assertThat(imp.skipped()).isEqualTo(2);
        assertThat(imp.firstProblem()).startsWith("line 4: not a chat completions request");
    }

    @Test
    void aLiteLlmSpendLogArrayGivesTheLoggedRequests() throws IOException {
        RequestImport.Imported imp = read("""
                [{"request_id":"a","spend":0.01,"proxy_server_request":{"model":"gpt-4o","messages":[{"role":"user","content":"logged"}]}},
                 {"request_id":"b","spend":0.02,"messages":"[{\\"role\\":\\"user\\",\\"content\\":\\"as text\\"}]"},
                 {"request_id":"c","spend":0.03,"messages":{}}]
                """);

        assertThat(imp.samples()).hasSize(2);
        assertThat(prompt(imp, 0)).isEqualTo("logged");
        assertThat(prompt(imp, 1)).isEqualTo("as text");
        assertThat(imp.skipped()).isEqualTo(1);
    }

    @Test
    void aPromptsFileGivesOneUserTurnPerLineAndTheSameRequestKeepsItsId() throws IOException {
        RequestImport.Imported imp = read("first prompt\n\nsecond prompt\nfirst prompt\n");

        assertThat(imp.samples()).hasSize(3);
        assertThat(prompt(imp, 1)).isEqualTo("second prompt");
        assertThat(imp.samples().get(0).id()).isEqualTo(imp.samples().get(2).id());
    }
}
