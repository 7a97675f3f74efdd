package dev.freeport.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which Netty transport the gateway's Vert.x runs on. {@code auto} (the default) takes the first one this machine
 * can run of io_uring (Linux, where the kernel and the container allow it), epoll (Linux), kqueue (macOS, where its
 * classes are on the class path) and NIO, which runs anywhere. io_uring batches each event loop's socket operations
 * into one system call (about a third of epoll's per request); the pom imports Netty's BOM at 4.2.18 over the 4.2.9
 * that Vert.x 5.0.7 brings, which fixed its lost read on a kept-alive connection (Netty issue 17049). On io_uring an
 * answer's bytes go to the kernel only when the event loop next submits its ring, so the work that follows an answer
 * waits for its write ({@code flow.Caller#afterWritten}, {@code AfterAnswerTest}).
 *
 * <p>A transport asked for by name (system property {@code freeport.transport} or environment variable
 * {@code FREEPORT_TRANSPORT}: {@code io_uring}, {@code epoll}, {@code kqueue}, {@code nio}) that cannot run here, or
 * whose event loops fail to start, falls back to {@code auto}'s choice with a warning naming the reason, so a setting
 * copied to another machine (a kernel too old, {@code io_uring_disabled}, a seccomp profile such as Docker's default)
 * never keeps the gateway from starting.
 */
final class Transports {
    private static final Logger LOG = Logger.getLogger(Transports.class.getName());
    /** every name that may be asked for */
    static final List<String> NAMES = List.of("io_uring", "epoll", "kqueue", "nio");
    /** what {@code auto} tries, in order */
    static final List<String> AUTO = List.of("io_uring", "epoll", "kqueue", "nio");
    /** the transports whose classes are present, by name (Vert.x leaves an absent native transport null) */
    private static final Map<String, Transport> PRESENT = Stream.of(Transport.IO_URING, Transport.EPOLL,
                    Transport.KQUEUE, Transport.NIO).filter(Objects::nonNull)
            .collect(Collectors.toUnmodifiableMap(t -> t.name().toLowerCase(Locale.ROOT), t -> t));

    private Transports() {
    }

    /** A choice: the transport's name, and the warning to log when it is not the one asked for (else null). */
    record Choice(String name, String warning) {
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

    /**
     * The choice for {@code wanted} (a name as in the class comment, any case, {@code -} for {@code _}; null or blank:
     * auto) where {@code whyNot} tells, for a name of {@link #NAMES}, why that transport cannot run here, or null
     * when it can. NIO is the last resort whatever {@code whyNot} says of it.
     */
    static Choice choose(String wanted, Function<String, String> whyNot) {
        String name = wantedName(wanted);
        String refused = null;
        if (!name.isEmpty() && !name.equals("auto")) {
            if (!NAMES.contains(name)) {
                refused = "transport '" + wanted + "' is unknown (auto, " + String.join(", ", NAMES) + ")";
            } else if (whyNot.apply(name) == null) {
                return new Choice(name, null);
            } else {
                refused = "transport '" + wanted + "' cannot run here (" + whyNot.apply(name) + ")";
            }
        }
        for (String candidate : AUTO) {
            if (candidate.equals("nio") || whyNot.apply(candidate) == null) {
                return new Choice(candidate, refused == null ? null : refused + "; chose " + candidate
                        + " automatically");
            }
        }
        throw new AssertionError("nio always runs");
    }

    /** The transport to run on for {@code wanted} (see {@link #choose(String, Function)}), its note logged. */
    static Transport choose(String wanted) {
        return transport(wanted, Transports::whyNot);
    }

    private static Transport transport(String wanted, Function<String, String> whyNot) {
        Choice choice = choose(wanted, whyNot);
        if (choice.warning() != null) {
            LOG.warning(choice.warning());
        }
        return PRESENT.getOrDefault(choice.name(), Transport.NIO);
    }

    /** A Vert.x on the transport {@link #wanted()} names; logs which one it runs on. */
    static Vertx vertx(VertxOptions options) {
        return vertx(options, wanted());
    }

    /** A Vert.x on the transport {@code wanted} names (see {@link #choose}); logs which one it runs on. */
    static Vertx vertx(VertxOptions options, String wanted) {
        return vertx(wanted, Transports::whyNot, t -> Vertx.builder().with(options).withTransport(t).build());
    }

    /**
     * A Vert.x built by {@code build} on the transport chosen for {@code wanted}; where building it fails on a native
     * transport (Netty found the transport available, but an event loop's ring or descriptor could not be made, e.g.
     * a locked-memory limit), the choice is made again without that transport, so the gateway still starts.
     */
    static Vertx vertx(String wanted, Function<String, String> whyNot, Function<Transport, Vertx> build) {
        Transport transport = transport(wanted, whyNot);
        try {
            Vertx vertx = build.apply(transport);
            LOG.info(() -> "network transport: " + transport.name());
            return vertx;
        } catch (RuntimeException | LinkageError e) {
            if (transport == Transport.NIO) {
                throw e;
            }
            String failed = transport.name().toLowerCase(Locale.ROOT);
            String why = "its event loops could not start: " + e;
            LOG.warning(() -> "transport " + failed + " " + why);
            return vertx(failed.equals(wantedName(wanted)) ? "auto" : wanted,
                    name -> name.equals(failed) ? why : whyNot.apply(name), build);
        }
    }

    private static String wantedName(String wanted) {
        return wanted == null ? "" : wanted.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Why the transport named {@code name} cannot run here, or null when it can. */
    private static String whyNot(String name) {
        Transport t = PRESENT.get(name);
        if (t == null) {
            return "not on the class path";
        }
        if (t.available()) {
            return null;
        }
        Throwable cause = t.unavailabilityCause();
        return cause == null ? "not available" : cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
