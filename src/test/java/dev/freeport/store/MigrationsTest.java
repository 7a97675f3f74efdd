package dev.freeport.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one schema runner, on a real SQLite file (PostgreSQL: the key, ledger and response store tests). */
class MigrationsTest {
    private static final Migrations.Schema SCHEMA = new Migrations.Schema("t_schema_version", 1, List.of(
            Migrations.Step.both(1, "a", List.of("CREATE TABLE a (x INTEGER)")),
            Migrations.Step.both(2, "b", List.of("CREATE TABLE b (y INTEGER)", "INSERT INTO b VALUES (1)"))));

    @TempDir
    Path dir;

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    }

    @Test
    void appliesEachStepOnceAndRecordsTheVersion() throws SQLException {
        try (Connection c = open()) {
            Migrations.apply(c, SCHEMA, Migrations.Dialect.SQLITE);
            Migrations.apply(c, SCHEMA, Migrations.Dialect.SQLITE);
            assertThat(Migrations.currentVersion(c, SCHEMA)).isEqualTo(2);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM b")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void stopsAtTheRequestedVersionAndContinuesLater() throws SQLException {
        try (Connection c = open()) {
            Migrations.apply(c, SCHEMA, Migrations.Dialect.SQLITE, 1);
            assertThat(Migrations.currentVersion(c, SCHEMA)).isEqualTo(1);
            Migrations.apply(c, SCHEMA, Migrations.Dialect.SQLITE);
            assertThat(Migrations.currentVersion(c, SCHEMA)).isEqualTo(2);
        }
    }

    @Test
    void aFailingStepLeavesNoTraceAndNoVersion() throws SQLException {
        Migrations.Schema broken = new Migrations.Schema("t_schema_version", 1, List.of(
                Migrations.Step.both(1, "a", List.of("CREATE TABLE a (x INTEGER)")),
                Migrations.Step.both(2, "half", List.of("CREATE TABLE c (z INTEGER)", "NOT SQL"))));
        try (Connection c = open()) {
            assertThatThrownBy(() -> Migrations.apply(c, broken, Migrations.Dialect.SQLITE))
                    .isInstanceOf(SQLException.class);
            assertThat(Migrations.currentVersion(c, broken)).isEqualTo(1);
            try (ResultSet rs = c.getMetaData().getTables(null, null, "c", null)) {
                assertThat(rs.next()).as("table c of the failed step").isFalse();
            }
        }
    }

    @Test
    void stepsMustBeNumberedFromOneWithoutGaps() {
        assertThatThrownBy(() -> new Migrations.Schema("v", 1, List.of(Migrations.Step.both(2, "x", List.of()))))
                .hasMessageContaining("step 1 is numbered 2");
    }
}
