package dev.freeport.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's log handler keeps libraries' chatter off stderr, whatever the garbage collector did to their loggers. */
class LoggingTest {
    private final Logger root = Logger.getLogger("");
    private List<Handler> saved;
    private Level savedLevel;

    @BeforeEach
    void save() {
        saved = List.of(root.getHandlers());
        savedLevel = root.getLevel();
    }

    @AfterEach
    void restore() {
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        saved.forEach(root::addHandler);
        root.setLevel(savedLevel);
    }

    private static LogRecord record(String logger, Level level) {
        LogRecord r = new LogRecord(level, "message");
        r.setLoggerName(logger);
        return r;
    }

    private boolean printed(LogRecord r) {
        return root.getHandlers()[0].isLoggable(r);
    }

    @Test
    void theCudaProbesWarningOnACpuOnlyMachineIsNotPrinted() {
        Logging.configure();

        assertThat(printed(record("ai.djl.util.cuda.CudaUtils", Level.WARNING))).isFalse();
        assertThat(printed(record("ai.djl.util.Platform", Level.INFO))).isFalse();
        assertThat(printed(record("dev.freeport.server.Gateway", Level.WARNING))).isTrue();
    }
}
