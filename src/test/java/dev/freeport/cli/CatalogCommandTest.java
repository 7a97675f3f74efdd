package dev.freeport.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogCommandTest {

    @Test
    void importThenListShowsTheImportedModels(@TempDir Path dir) throws Exception {
        Path src = Path.of(CatalogCommandTest.class.getResource("/catalog/litellm-excerpt.json").toURI());
        AuditCommandTest.Run imp = AuditCommandTest.run("catalog", "import", src.toString(), "--data-dir",
                dir.toString());
        assertThat(imp.code()).isZero();
        assertThat(imp.out()).contains("imported 4 models (2 skipped)");
        AuditCommandTest.Run list = AuditCommandTest.run("catalog", "list", "--data-dir", dir.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("Qwen/Qwen3-Next-80B-A3B-Instruct", "claude-sonnet-4-5", "CN / SG");
    }

    @Test
    void auditImportsALiteLlmExport() throws Exception {
        Path src = Path.of(CatalogCommandTest.class.getResource("/audit/litellm-spend.csv").toURI());
        AuditCommandTest.Run r = AuditCommandTest.run("audit", "--import", src.toString(), "--since", "36500d");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("3 requests", "2 malformed input line(s) skipped: line 3", "line 7");
    }
}
