package dev.freeport.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away PostgreSQL server for tests: initdb into a temp dir, pg_ctl start on a free loopback port, trust
 * authentication, stopped and deleted on close. PostgreSQL refuses to run as root, so as root it runs as the
 * Debian "postgres" user. {@link #newDatabase()} gives each test its own database.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String[] BIN_DIRS = {"/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
            "/usr/lib/postgresql/15/bin"};
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final Path bin;
    private final int port;

    private PostgresServer(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    public static PostgresServer start() {
        List<String> initdbs = new ArrayList<>();
        for (String d : BIN_DIRS) {
            initdbs.add(d + "/initdb");
        }
        Path initdb = ExternalServer.requireBinary("PostgreSQL (initdb)", initdbs.toArray(String[]::new));
        Path bin = initdb.getParent();
        try {
            Path dir = Files.createTempDirectory("freeport-pg");
            Path data = dir.resolve("data");
            int port = ExternalServer.freePort();
            if (ExternalServer.isRoot()) {
                ExternalServer.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), log(dir));
            }
            ExternalServer.run(asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
                    "-U", "freeport", "--no-sync", "-E", "UTF8"), log(dir));
            ExternalServer.run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c max_connections=200", "start"), log(dir));
            return new PostgresServer(dir, bin, port);
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path log(Path dir) throws IOException {
        Path log = Files.createTempFile(dir, "cmd", ".log");
        if (ExternalServer.isRoot()) {
            log.toFile().setWritable(true, false);
        }
        return log;
    }

    private static List<String> asPostgres(String... command) {
        List<String> c = new ArrayList<>();
        if (ExternalServer.isRoot()) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        return c;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return "freeport";
    }

    /** Creates a fresh, empty database and returns its JDBC URL (user "freeport", no password). */
    public String newDatabase() {
        String name = "fp_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    @Override
    public void close() {
        try {
            ExternalServer.run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"), log(dir));
        } catch (Exception e) {
            // best effort: the temp dir is removed below either way
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; nothing else to do
        }
    }
}
