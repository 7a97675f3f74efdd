package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** server: allow_open, require_keys and request_log. */
class ServerSectionTest {
    private static ServerConfig server(String yaml) {
        return ConfigLoader.parse(yaml, "f.yaml", Map.of(), Path.of("/srv/freeport")).server();
    }

    @Test
    void defaultsAreClosedToOpenListeningAndLogFailuresAsTextToStdout() {
        ServerConfig s = server("");
        assertThat(s.allowOpen()).isFalse();
        assertThat(s.requireKeys()).isFalse();
        assertThat(s.requestLog()).isEqualTo(RequestLogConfig.DEFAULT);
    }

    @Test
    void requestLogTakesAModeOrAMappingWithAFileRelativeToTheConfig() {
        assertThat(server("server: { request_log: all }").requestLog().requests())
                .isEqualTo(RequestLogConfig.Requests.ALL);
        RequestLogConfig r = server("server: { request_log: { requests: off, format: json, file: logs/r.log } }")
                .requestLog();
        assertThat(r).isEqualTo(new RequestLogConfig(RequestLogConfig.Requests.OFF, RequestLogConfig.Format.JSON,
                Path.of("/srv/freeport/logs/r.log")));
    }

    @Test
    void anUnknownRequestLogModeIsAProblemWithASuggestion() {
        assertThatThrownBy(() -> server("server: { request_log: failurs }"))
                .hasMessageContaining("server.request_log").hasMessageContaining("failures");
    }

    @Test
    void allowOpenAndRequireKeysAreBooleans() {
        ServerConfig s = server("server: { host: 0.0.0.0, allow_open: true, require_keys: yes }");
        assertThat(s.allowOpen()).isTrue();
        assertThat(s.keysRequired()).isTrue();
        assertThat(s.openBeyondLoopback()).isFalse();
        assertThatThrownBy(() -> server("server: { allow_open: maybe }")).hasMessageContaining("true or false");
    }
}
