package dev.freeport.limits;

import dev.freeport.caller.Limits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process counters forget what holds nothing: many or rotating keys do not grow them without bound. */
class MemoryCountersWindowsTest {
    private static RateLine line(String subject, Integer maxParallel) {
        return new RateLine(subject, subject, new Limits(100, 1_000_000L, maxParallel));
    }

    private static Counters.RateReply acquire(MemoryCounters c, RateLine line, long nowMillis) {
        return c.acquireRate("r", List.of(line), 10, nowMillis).result();
    }

    @Test
    void manyDistinctKeysKeepAboutAMinuteOfSubjects() {
        MemoryCounters c = new MemoryCounters(SpendBaseline.ZERO);
        long now = 1_000_000_000L;
        for (int i = 0; i < 200_000; i++) { // a new key every 10 ms for 2,000 s
            acquire(c, line("key" + i, null), now + i * 10L);
        }
        // the last minute's 6,000 subjects, and no more than a few behind: 200,000 before
        assertThat(c.windowCount()).isBetween(6_000, 6_100);
    }

    @Test
    void aKeyAndItsTeamAreBothCountedOnTheirFirstRequest() {
        MemoryCounters c = new MemoryCounters(SpendBaseline.ZERO);
        Counters.RateReply r = c.acquireRate("r", List.of(line("key", null), line("team", null)), 10, 1_000_000L)
                .result();
        assertThat(r.admitted()).isTrue();
        assertThat(r.states()).extracting(Counters.RateState::requestsUsed).containsExactly(1L, 1L);
    }

    @Test
    void aKeyWithARequestInFlightIsNotForgotten() {
        MemoryCounters c = new MemoryCounters(SpendBaseline.ZERO);
        long now = 1_000_000_000L;
        assertThat(acquire(c, line("long", 1), now).admitted()).isTrue();
        for (int i = 0; i < 20_000; i++) { // 200 s of other keys while the long request runs
            acquire(c, line("key" + i, null), now + 1 + i * 10L);
        }
        Counters.RateReply again = acquire(c, line("long", 1), now + 200_001);
        assertThat(again.dimension()).isEqualTo(Counters.Dimension.PARALLEL);
    }

    @Test
    void aKeyCountedThroughItsCellDoesNotKeepOthersFromBeingForgotten() {
        MemoryCounters c = new MemoryCounters(SpendBaseline.ZERO);
        List<RateLine> hot = List.of(line("hot", null));
        Counters.Cells cells = new Counters.Cells(1);
        long now = 1_000_000_000L;
        for (int i = 0; i < 200_000; i++) { // the hot key and a new key every 10 ms for 2,000 s
            c.acquireRate("r", hot, cells, 0, now + i * 10L);
            acquire(c, line("key" + i, null), now + i * 10L);
        }
        assertThat(c.windowCount()).isBetween(6_000, 6_101);
    }

    @Test
    void aCellWhoseMinuteWasForgottenCountsOnTheSubjectsNewOne() {
        MemoryCounters c = new MemoryCounters(SpendBaseline.ZERO);
        List<RateLine> once = List.of(line("once", null));
        Counters.Cells cells = new Counters.Cells(1);
        long now = 1_000_000_000L;
        c.acquireRate("r", once, cells, 10, now);
        for (int i = 0; i < 20_000; i++) { // 200 s of other keys: "once" holds nothing and is forgotten
            acquire(c, line("key" + i, null), now + 1 + i * 10L);
        }
        c.acquireRate("r", once, cells, 10, now + 200_001);
        Counters.RateReply looked = c.acquireRate("r", once, 10, now + 200_002).result(); // no cell: the map's
        assertThat(looked.states()).extracting(Counters.RateState::requestsUsed).containsExactly(2L);
    }

    @Test
    void anAlertIsForgottenAfterItsForgetAt() {
        MemoryCounters c = new MemoryCounters(SpendBaseline.ZERO);
        Instant past = Instant.now().minusSeconds(5);
        assertThat(c.firstTime("alert:old", past).result()).isTrue();
        assertThat(c.firstTime("alert:kept", null).result()).isTrue();
        sleepPastTheSecond();
        assertThat(c.firstTime("alert:other", null).result()).isTrue(); // sweeps
        assertThat(c.firstTime("alert:old", past).result()).isTrue();
        assertThat(c.firstTime("alert:kept", null).result()).isFalse();
    }

    private static void sleepPastTheSecond() {
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 == second) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
