package dev.freeport.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's SQLite page size: 16 KiB for a file it creates, an existing file's own otherwise. */
class LedgerPageSizeTest {
    @TempDir
    Path dir;

    @Test
    void aLedgerDatabaseCreatedNowHasSixteenKiBPages() throws SQLException {
        Path file = dir.resolve("freeport.db");
        try (LedgerDb db = LedgerDb.openWritable(file)) {
            db.insert(List.of(Events.simple("req_page_1", 0)));
        }
        assertThat(pragma(file, "page_size")).isEqualTo(16 * 1024);
        assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
    }

    @Test
    void aDatabaseMadeWithFourKiBPagesKeepsThemAndItsEvents() throws SQLException {
        Path file = dir.resolve("freeport.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement st = c.createStatement()) { // as the ledger made its files before
                st.execute("PRAGMA page_size=4096");
                st.execute("PRAGMA journal_mode=WAL");
            }
            LedgerSchema.migrate(c);
        }
        try (LedgerDb db = LedgerDb.openWritable(file)) {
            db.insert(List.of(Events.simple("req_page_old", 0)));
        }
        try (LedgerDb db = LedgerDb.openWritable(file)) {
            assertThat(db.byId("req_page_old")).isPresent();
        }
        assertThat(pragma(file, "page_size")).isEqualTo(4096);
    }

    private static Object pragma(Path file, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getObject(1);
        }
    }
}
