package dev.freeport.module;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Several watchers as one: a watcher that watches nothing this time costs the request nothing. */
class RequestWatcherTest {

    @Test
    void aWatcherThatWatchesNothingThisTimeIsLeftOutAndTheOtherWatchIsReturnedAsItIs() {
        RequestWatch metrics = new RequestWatch() {
        };
        RequestWatcher idle = (endpoint, headers) -> RequestWatch.NONE;

        RequestWatcher both = RequestWatcher.all(List.of((endpoint, headers) -> metrics, idle));

        assertThat(both.start("chat", h -> null)).isSameAs(metrics);
        assertThat(RequestWatcher.all(List.of(idle, idle)).start("chat", h -> null)).isSameAs(RequestWatch.NONE);
    }

    @Test
    void twoWatchesThatWatchBothHearTheEnd() {
        AtomicInteger ended = new AtomicInteger();
        RequestWatch counting = new RequestWatch() {
            @Override
            public void ended(dev.freeport.ledger.UsageEvent event, dev.freeport.caller.Principal principal,
                              String front, List<dev.freeport.route.Attempt> attempts) {
                ended.incrementAndGet();
            }
        };
        RequestWatcher w = RequestWatcher.all(List.of((e, h) -> counting, (e, h) -> RequestWatch.NONE,
                (e, h) -> counting));

        w.start("chat", h -> null).ended(null, null, null, List.of());

        assertThat(ended.get()).isEqualTo(2);
    }
}
