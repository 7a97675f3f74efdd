package dev.freeport.provider.http;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The one Retry-After reading every provider shares. */
class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-26T12:00:00Z"), ZoneOffset.UTC);

    private static Duration of(String... nameValues) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return RetryAfter.of(h, CLOCK);
    }

    @Test
    void fractionalSecondsRoundUpToTheMillisecond() {
        assertThat(of("Retry-After", "1.2345")).isEqualTo(Duration.ofMillis(1235));
    }

    @Test
    void millisecondsHeaderWinsOverSeconds() {
        assertThat(of("retry-after", "9", "retry-after-ms", "250")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anUnreadableMillisecondsHeaderFallsBackToSeconds() {
        assertThat(of("retry-after", "3", "retry-after-ms", "soon")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anHttpDateInThePastMeansNow() {
        assertThat(of("Retry-After", "Thu, 26 Jun 2025 11:00:00 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void negativeOrLongerThanADayIsIgnored() {
        assertThat(of("Retry-After", "-5")).isNull();
        assertThat(of("Retry-After", "90000")).isNull();
        assertThat(of("Retry-After", "Sat, 28 Jun 2025 12:00:00 GMT")).isNull();
    }

    @Test
    void noHeadersNoDelay() {
        assertThat(RetryAfter.of(null, CLOCK)).isNull();
        assertThat(of()).isNull();
    }
}
