package dev.freeport.provider.http;

import io.vertx.core.MultiMap;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one reading of an upstream's "wait this long" headers, for every provider: {@code retry-after-ms} (OpenAI,
 * Azure) first, else {@code Retry-After} as delta-seconds (fractions allowed, as some hosts send them) or as an
 * HTTP-date (RFC 9110; a date in the past means now). Null when absent, negative, unreadable or longer than a day.
 * How long the router actually waits is its own decision ({@code router.retry_after_cap}).
 */
public final class RetryAfter {
    static final double MAX_SECONDS = 86_400;

    private RetryAfter() {
    }

    public static Duration of(MultiMap headers, Clock clock) {
        if (headers == null) {
            return null;
        }
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            Duration d = seconds(ms, 1_000);
            if (d != null) {
                return d;
            }
        }
        String ra = headers.get("retry-after");
        if (ra == null || ra.isBlank()) {
            return null;
        }
        Duration d = seconds(ra, 1);
        if (d != null) {
            return d;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(ra.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return until.isNegative() ? Duration.ZERO : until.compareTo(Duration.ofDays(1)) > 0 ? null : until;
        } catch (DateTimeParseException bad) {
            return null;
        }
    }

    /** A decimal number of {@code 1/perSecond} seconds, rounded up to a millisecond; null when not one. */
    private static Duration seconds(String value, double perSecond) {
        try {
            double v = Double.parseDouble(value.strip()) / perSecond;
            return v >= 0 && v <= MAX_SECONDS ? Duration.ofMillis((long) Math.ceil(v * 1000)) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
