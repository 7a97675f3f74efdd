package dev.freeport.testing;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The test servers start, answer, and give each test its own database. */
class ExternalServersTest {

    @Test
    void postgresAnswersQueriesInAFreshDatabase() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            String url = pg.newDatabase();
            try (Connection c = DriverManager.getConnection(url, pg.user(), "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), 40 + 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("fp_test_");
                assertThat(rs.getInt(2)).isEqualTo(42);
            }
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        try (RedisServer redis = RedisServer.start(); Socket s = new Socket("127.0.0.1", redis.port())) {
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }
}
