package dev.freeport.responses;

import java.time.Duration;

/**
 * How long stored responses are kept and how large one may be.
 *
 * @param retention       how long an entry stays readable after it was stored (OpenAI keeps responses 30 days)
 * @param maxEntryBytes   the largest entry kept, compressed (response and conversation together); a larger one is
 *                        not stored. A conversation grows with each turn, so this also bounds how long a
 *                        {@code previous_response_id} chain can get
 */
public record ResponseStoreSettings(Duration retention, int maxEntryBytes) {
    public static final ResponseStoreSettings DEFAULT = new ResponseStoreSettings(Duration.ofDays(30), 16 << 20);

    public ResponseStoreSettings {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (maxEntryBytes <= 0) {
            throw new IllegalArgumentException("maxEntryBytes must be positive");
        }
    }
}
