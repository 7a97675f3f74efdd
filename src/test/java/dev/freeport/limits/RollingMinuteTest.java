package dev.freeport.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollingMinuteTest {
    private static final long T0 = 1_780_000_000_000L; // a whole second

    @Test
    void aSecondsCountsLeaveWhenItsLatestArrivalIsAMinuteOld() {
        RollingMinute m = new RollingMinute();
        m.addRequest(T0 + 100);
        m.addRequest(T0 + 900);
        m.trim(T0 + 60_100);
        assertThat(m.requestCount()).as("the earlier one is held with its second").isEqualTo(2);
        m.trim(T0 + 60_900);
        assertThat(m.requestCount()).isZero();
    }

    @Test
    void theNewestRequestOfASecondIsHeldExactlyAMinute() {
        RollingMinute m = new RollingMinute();
        m.addRequest(T0);
        m.trim(T0 + 59_999);
        assertThat(m.requestCount()).isEqualTo(1);
        assertThat(m.requestsResetIn(T0 + 30_000)).isEqualTo(30_000);
        assertThat(m.requestsLeaveIn(1, T0 + 30_000)).isEqualTo(30_000);
        m.trim(T0 + 60_000);
        assertThat(m.requestCount()).isZero();
        assertThat(m.requestsResetIn(T0 + 60_000)).isZero();
    }

    @Test
    void theWaitForRoomCountsSecondsFromTheOldest() {
        RollingMinute m = new RollingMinute();
        for (int s = 0; s < 5; s++) {
            m.addRequest(T0 + s * 10_000L);
        }
        // five in the minute at t=45 s; two must leave for a limit of 4 to admit one more: the one of t=10 s
        assertThat(m.requestsLeaveIn(2, T0 + 45_000)).isEqualTo(25_000);
    }

    @Test
    void reservedTokensSettleToTheRealCountInTheSecondTheyWereCountedIn() {
        RollingMinute m = new RollingMinute();
        m.addTokens(300, T0);
        m.addTokens(300, T0 + 2_000);
        m.settleTokens(300, T0, 110);
        assertThat(m.tokenCount()).isEqualTo(410);
        m.trim(T0 + 60_000);
        assertThat(m.tokenCount()).as("r1's second left with its settled count").isEqualTo(300);
    }

    @Test
    void aRequestSettledAfterItsSecondLeftChangesNothing() {
        RollingMinute m = new RollingMinute();
        m.addTokens(300, T0);
        m.trim(T0 + 61_000);
        m.addTokens(50, T0 + 61_000);
        m.settleTokens(300, T0, 10);
        assertThat(m.tokenCount()).isEqualTo(50);
    }

    @Test
    void aBusyMinuteKeepsNoStatePerRequest() throws Exception {
        RollingMinute m = new RollingMinute();
        for (int i = 0; i < 200_000; i++) {
            long now = T0 + i / 4; // 200,000 requests over 50 s
            m.trim(now);
            m.addRequest(now);
            m.addTokens(10, now);
            m.settleTokens(10, now, 7);
        }
        assertThat(m.requestCount()).isEqualTo(200_000);
        assertThat(m.tokenCount()).isEqualTo(1_400_000);
        for (var f : RollingMinute.class.getDeclaredFields()) { // the ticket remembers its second and tokens
            assertThat(java.util.Collection.class.isAssignableFrom(f.getType())
                    || java.util.Map.class.isAssignableFrom(f.getType())).as(f.getName()).isFalse();
        }
    }
}
