package dev.freeport.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Timestamps as logs write them: ISO-8601 with or without zone ("2025-01-15T10:00:00Z", "2025-01-15 10:00:00.123"). */
final class Times {

    private Times() {
    }

    /** Parses a timestamp; one without a zone is UTC. @throws IllegalArgumentException when unreadable */
    static Instant parse(String text) {
        String s = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("bad timestamp '" + text + "'");
            }
        }
    }
}
