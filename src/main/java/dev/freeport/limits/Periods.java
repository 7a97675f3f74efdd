package dev.freeport.limits;

import dev.freeport.caller.Budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * Budget periods in UTC: a day starts at midnight, a week on Monday 00:00, a month on the 1st 00:00; TOTAL never
 * resets (its start is the epoch, its end null).
 */
public final class Periods {
    private Periods() {
    }

    public static Instant start(Budget.Period period, Instant now) {
        ZonedDateTime day = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        return switch (period) {
            case DAY -> day.toInstant();
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case MONTH -> day.withDayOfMonth(1).toInstant();
            case TOTAL -> Instant.EPOCH;
        };
    }

    /** When the period containing {@code now} ends (= the next one starts); null for TOTAL. */
    public static Instant end(Budget.Period period, Instant now) {
        ZonedDateTime s = start(period, now).atZone(ZoneOffset.UTC);
        return switch (period) {
            case DAY -> s.plusDays(1).toInstant();
            case WEEK -> s.plusWeeks(1).toInstant();
            case MONTH -> s.plusMonths(1).toInstant();
            case TOTAL -> null;
        };
    }

    /** "daily", "weekly", "monthly", "total": as the period reads in messages. */
    public static String adjective(Budget.Period period) {
        return switch (period) {
            case DAY -> "daily";
            case WEEK -> "weekly";
            case MONTH -> "monthly";
            case TOTAL -> "total";
        };
    }

    /** "day", "week", "month", "total": the period's name in lower case (constants: no string made per call). */
    static String name(Budget.Period period) {
        return switch (period) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
            case TOTAL -> "total";
        };
    }
}
