package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Which Netty transport the gateway's Vert.x runs on. {@code auto} (the default) takes the first one this machine
 * can run of epoll (Linux), kqueue (macOS, where its classes are on the class path) and NIO, which runs anywhere. A
 * transport asked for by name (system property {@code freeport.transport} or environment variable
 * {@code FREEPORT_TRANSPORT}: {@code epoll}, {@code kqueue}, {@code io_uring}, {@code nio}) that cannot run here falls
 * back to {@code auto}'s choice with a warning, so a setting copied to another machine never keeps the gateway from
 * starting. io_uring (Linux, where the kernel and the container allow it) is only ever used when asked
 * for: it makes fewer system calls per request than epoll, but Netty 4.2.9's (the one Vert.x 5.0.7 brings) can lose a
 * read on a keep-alive connection whose reading is paused and resumed (Netty issue 17049, fixed in 4.2.17), so it
 * stays opt-in until the Netty under Vert.x has the fix (docs/OPERATIONS.md, "Network transport").
 */
final class Transports {
    private static final Logger LOG = Logger.getLogger(Transports.class.getName());
    /** what {@code auto} tries, in order (Vert.x leaves out, as null, a native transport whose classes are absent) */
    private static final List<Transport> AUTO = present(Transport.EPOLL, Transport.KQUEUE, Transport.NIO);
    /** what may be asked for by name */
    private static final List<Transport> NAMED = present(Transport.EPOLL, Transport.KQUEUE, Transport.IO_URING,
            Transport.NIO);
    private static final List<String> NAMES = List.of("epoll", "kqueue", "io_uring", "nio");

    private Transports() {
    }

    /** The transport asked for by the system property, else the environment variable, else {@code auto}. */
    static String wanted() {
        String p = System.getProperty("freeport.transport");
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv("FREEPORT_TRANSPORT");
        return e == null || e.isBlank() ? "auto" : e;
    }

    /** The transport to run on for {@code wanted} (a name as in the class comment, any case; null or blank: auto). */
    static Transport choose(String wanted) {
        String name = wanted == null ? "" : wanted.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!name.isEmpty() && !name.equals("auto")) {
            Transport named = NAMED.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
            if (named != null && named.available()) {
                return named;
            }
            LOG.warning(() -> "transport '" + wanted + "' " + (named != null ? "cannot run here (" + why(named) + ")"
                    : NAMES.contains(name) ? "is not on the class path" : "is unknown (auto, " + String.join(", ",
                    NAMES) + ")") + "; choosing automatically");
        }
        return AUTO.stream().filter(Transport::available).findFirst().orElse(Transport.NIO);
    }

    /** A Vert.x on the transport {@link #wanted()} names; logs which one it runs on. */
    static Vertx vertx(VertxOptions options) {
        return vertx(options, wanted());
    }

    /** A Vert.x on the transport {@code wanted} names (see {@link #choose}); logs which one it runs on. */
    static Vertx vertx(VertxOptions options, String wanted) {
        Transport transport = choose(wanted);
        LOG.info(() -> "network transport: " + transport.name());
        return Vertx.builder().with(options).withTransport(transport).build();
    }

    private static List<Transport> present(Transport... transports) {
        return Stream.of(transports).filter(Objects::nonNull).toList();
    }

    private static String why(Transport t) {
        Throwable cause = t.unavailabilityCause();
        return cause == null ? "not available" : String.valueOf(cause.getMessage());
    }
}
