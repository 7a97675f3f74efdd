package dev.freeport.flow;

import dev.freeport.config.ConfigUnits;
import dev.freeport.error.Echo;
import dev.freeport.error.GatewayError;
import dev.freeport.route.Deadline;
import dev.freeport.route.assembly.GatewayRuntime;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The request's deadline across all its attempts: {@code router.total_timeout} from its arrival, or shorter when
 * the caller sends {@code x-freeport-timeout} (seconds, e.g. {@code 30} or {@code 2.5}, or a duration such as
 * {@code 1500ms}); a header can only shorten it. A value that is not a positive duration is a 400 naming the header.
 */
final class Deadlines {
    private Deadlines() {
    }

    static Deadline of(GatewayRuntime rt, Caller caller, Exchange ex) {
        Deadline configured = rt.dispatcher().defaultDeadline(ex.startNanos);
        String header = caller.header(Deadline.HEADER);
        if (header == null) {
            return configured;
        }
        Duration asked = parse(header);
        return asked.compareTo(configured.limit()) < 0
                ? Deadline.after(ex.startNanos, asked, Deadline.HEADER + ": " + header.strip()) : configured;
    }

    static Duration parse(String header) {
        String t = header.strip();
        try {
            if (t.matches("\\d{1,9}(\\.\\d{1,3})?")) {
                Duration d = Duration.ofMillis(new BigDecimal(t).movePointRight(3).longValueExact());
                if (d.isZero()) {
                    throw new IllegalArgumentException("zero");
                }
                return d;
            }
            return ConfigUnits.parseDuration(t, false);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw GatewayError.invalid(Deadline.HEADER, "The header " + Deadline.HEADER + " is \"" + Echo.of(t)
                    + "\": write a positive number of seconds (e.g. 30 or 2.5) or a duration (e.g. 1500ms, 2m); "
                    + "it can only shorten the gateway's router.total_timeout.").toException();
        }
    }
}
