package dev.freeport.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A time-of-day price rule as DeepSeek states it: peak hours on peak days in the vendor's time zone, everything else
 * (other hours, other days, listed holidays) off-peak at {@code rates}. Evaluated on the time the request was
 * processed, in the vendor's zone, so a client's clock or zone never matters.
 *
 * @param zone         the vendor's time zone (DeepSeek: Asia/Shanghai)
 * @param peakDays     days of the week that have peak hours (DeepSeek: Monday to Friday)
 * @param peakHours    half-open local time spans [start, end) that are peak on a peak day
 * @param offPeakDates local dates that are off-peak all day (public holidays)
 * @param from         the first instant the rule applies (null: always); before it the base rates apply
 * @param rates        the off-peak prices (fields not set fall back to the base rates)
 */
public record OffPeak(ZoneId zone, Set<DayOfWeek> peakDays, List<Span> peakHours, Set<LocalDate> offPeakDates,
                      Instant from, Rates rates) {

    public OffPeak {
        peakDays = Set.copyOf(peakDays);
        peakHours = List.copyOf(peakHours);
        offPeakDates = Set.copyOf(offPeakDates);
    }

    /** [start, end) in local time. */
    public record Span(LocalTime start, LocalTime end) {

        /** Parses "09:00-12:00". */
        public static Span parse(String s) {
            String[] p = s.trim().split("-");
            if (p.length != 2) {
                throw new IllegalArgumentException("bad time span " + s + " (expected HH:MM-HH:MM)");
            }
            return new Span(LocalTime.parse(p[0].trim()), LocalTime.parse(p[1].trim()));
        }

        boolean contains(LocalTime t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** Whether a request processed at {@code t} is billed at the off-peak rates. */
    public boolean isOffPeak(Instant t) {
        if (from != null && t.isBefore(from)) {
            return false;
        }
        ZonedDateTime local = t.atZone(zone);
        if (offPeakDates.contains(local.toLocalDate()) || !peakDays.contains(local.getDayOfWeek())) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        return peakHours.stream().noneMatch(s -> s.contains(time));
    }
}
