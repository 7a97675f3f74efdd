package dev.freeport.config;

import java.util.List;

/**
 * Budget alerts: a JSON POST (Slack-compatible: it has a "text" field) to {@code webhookUrl} when spend crosses
 * one of {@code thresholds} (percent of a budget), once per threshold per budget period. No URL = no alerts.
 */
public record AlertsConfig(String webhookUrl, List<Integer> thresholds) {

    public static final AlertsConfig NONE = new AlertsConfig(null, List.of(50, 80, 100));

    public AlertsConfig {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }
}
