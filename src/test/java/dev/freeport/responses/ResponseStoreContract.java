package dev.freeport.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** What every response store does; each database runs these against a real instance. */
abstract class ResponseStoreContract {
    static final ResponseStoreSettings SETTINGS = new ResponseStoreSettings(Duration.ofDays(30), 64 * 1024);

    /** A clock the tests move forward. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();

    /** A fresh, empty store on its own database. */
    abstract ResponseStore open();

    /** The same database opened again (a restart, or another replica). */
    abstract ResponseStore reopen();

    static StoredResponse entry(String id, String owner, Instant at, String text) {
        ObjectNode response = Json.NODES.objectNode().put("id", id).put("object", "response")
                .put("status", "completed").put("model", "coder").put("output_text", text);
        ArrayNode conversation = Json.NODES.arrayNode();
        conversation.addObject().put("type", "message").put("role", "user").put("content", "hi");
        conversation.addObject().put("type", "message").put("role", "assistant").put("content", text);
        return StoredResponse.of(response, conversation, owner, at);
    }

    @Test
    void storedResponseAndConversationReadBack() {
        try (ResponseStore s = open()) {
            StoredResponse e = entry("resp_a", "key_1", clock.instant(), "hello");
            assertThat(s.put(e)).isTrue();
            assertThat(s.response("resp_a", "key_1")).contains(e.response());
            assertThat(s.conversation("resp_a", "key_1")).contains(e.conversation());
        }
    }

    @Test
    void anotherCallerCannotReadOrDeleteIt() {
        try (ResponseStore s = open()) {
            s.put(entry("resp_a", "key_1", clock.instant(), "secret"));
            assertThat(s.response("resp_a", "key_2")).isEmpty();
            assertThat(s.conversation("resp_a", "key_2")).isEmpty();
            assertThat(s.delete("resp_a", "key_2")).isFalse();
            assertThat(s.response("resp_a", "key_1")).isPresent();
        }
    }

    @Test
    void anotherCallerCannotOverwriteIt() {
        try (ResponseStore s = open()) {
            s.put(entry("resp_a", "key_1", clock.instant(), "mine"));
            assertThat(s.put(entry("resp_a", "key_2", clock.instant(), "theirs"))).isFalse();
            assertThat(s.response("resp_a", "key_1").orElseThrow().path("output_text").asText()).isEqualTo("mine");
        }
    }

    @Test
    void deleteRemovesItOnce() {
        try (ResponseStore s = open()) {
            s.put(entry("resp_a", "key_1", clock.instant(), "x"));
            assertThat(s.delete("resp_a", "key_1")).isTrue();
            assertThat(s.response("resp_a", "key_1")).isEmpty();
            assertThat(s.delete("resp_a", "key_1")).isFalse();
        }
    }

    @Test
    void unknownIdReadsAsEmpty() {
        try (ResponseStore s = open()) {
            assertThat(s.response("resp_none", "key_1")).isEmpty();
        }
    }

    @Test
    void expiredEntriesAreNotReturnedAndPurgeDeletesThem() {
        try (ResponseStore s = open()) {
            s.put(entry("resp_old", "key_1", clock.instant(), "old"));
            clock.advance(Duration.ofDays(20));
            s.put(entry("resp_new", "key_1", clock.instant(), "new"));
            clock.advance(Duration.ofDays(11));
            assertThat(s.response("resp_old", "key_1")).as("31 days old").isEmpty();
            assertThat(s.response("resp_new", "key_1")).as("11 days old").isPresent();
            assertThat(s.purgeExpired()).isEqualTo(1);
            assertThat(s.purgeExpired()).isZero();
        }
    }

    @Test
    void entryOverTheSizeCapIsNotStored() {
        try (ResponseStore s = open()) {
            StringBuilder random = new StringBuilder();
            java.util.Random r = new java.util.Random(1);
            while (random.length() < 200_000) {
                random.append(Long.toString(r.nextLong(), 36));
            }
            assertThat(s.put(entry("resp_big", "key_1", clock.instant(), random.toString()))).isFalse();
            assertThat(s.response("resp_big", "key_1")).isEmpty();
        }
    }

    @Test
    void entriesAreCompressedSoRepetitiveOnesFitUnderTheCap() {
        try (ResponseStore s = open()) {
            String big = "all work and no play ".repeat(50_000); // ~1 MB, far over the 64 KiB cap uncompressed
            assertThat(s.put(entry("resp_rep", "key_1", clock.instant(), big))).isTrue();
            assertThat(s.response("resp_rep", "key_1").orElseThrow().path("output_text").asText()).isEqualTo(big);
        }
    }

    @Test
    void storingTheSameIdAgainReplacesIt() {
        try (ResponseStore s = open()) {
            s.put(entry("resp_a", "key_1", clock.instant(), "first"));
            s.put(entry("resp_a", "key_1", clock.instant(), "second"));
            assertThat(s.response("resp_a", "key_1").orElseThrow().path("output_text").asText()).isEqualTo("second");
        }
    }

    @Test
    void entriesSurviveReopeningAndMigrationsRunOnce() {
        try (ResponseStore s = open()) {
            s.put(entry("resp_a", "key_1", clock.instant(), "kept"));
        }
        try (ResponseStore s = reopen()) {
            assertThat(s.response("resp_a", "key_1")).isPresent();
        }
    }
}
