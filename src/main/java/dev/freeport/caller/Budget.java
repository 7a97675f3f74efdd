package dev.freeport.caller;

import java.util.List;

/**
 * A spending limit in nano-dollars per period. {@code hard}: requests that could exceed it are rejected;
 * otherwise (soft) it only alerts. {@code alertPercents}: thresholds (e.g. 50, 80, 100) at which a webhook fires,
 * once per threshold per period.
 */
public record Budget(long limitNanos, Period period, boolean hard, List<Integer> alertPercents) {

    public enum Period { DAY, WEEK, MONTH, TOTAL }

    public Budget {
        alertPercents = alertPercents == null ? List.of() : List.copyOf(alertPercents);
    }
}
