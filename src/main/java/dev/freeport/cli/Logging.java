package dev.freeport.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One-line log format on stderr. Libraries' chatter is kept quiet: Netty's, Vert.x's and HikariCP's below WARNING,
 * the embedding runtime's (DJL: the CUDA probe that warns on every CPU-only machine, platform lines) below SEVERE.
 * The levels are held by a filter on the handler as well as set on the loggers, because java.util.logging keeps
 * loggers only weakly: a level set on a logger nobody references is lost at the next garbage collection.
 */
final class Logging {
    /** Logger name prefix and the lowest level shown for it. */
    static final Map<String, Level> QUIET = Map.of("io.netty", Level.WARNING, "io.vertx", Level.WARNING,
            "com.zaxxer.hikari", Level.WARNING, "ai.djl", Level.SEVERE);

    /** Strong references, so the levels set on them stay. */
    private static final List<Logger> HELD = QUIET.entrySet().stream().map(e -> {
        Logger l = Logger.getLogger(e.getKey());
        l.setLevel(e.getValue());
        return l;
    }).toList();

    private Logging() {
    }

    static void configure() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel() + " "
                        + shortName(r.getLoggerName()) + ": " + formatMessage(r) + System.lineSeparator();
                if (r.getThrown() != null) {
                    java.io.StringWriter sw = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                    msg += sw;
                }
                return msg;
            }
        });
        handler.setFilter(Logging::shown);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        HELD.forEach(l -> l.setLevel(QUIET.get(l.getName())));
    }

    /** Whether a record gets through: at or above its library's threshold (INFO for everything else). */
    static boolean shown(LogRecord r) {
        String name = r.getLoggerName() == null ? "" : r.getLoggerName();
        for (Map.Entry<String, Level> e : QUIET.entrySet()) {
            if (name.equals(e.getKey()) || name.startsWith(e.getKey() + ".")) {
                return r.getLevel().intValue() >= e.getValue().intValue();
            }
        }
        return true;
    }

    private static String shortName(String name) {
        if (name == null) {
            return "-";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
