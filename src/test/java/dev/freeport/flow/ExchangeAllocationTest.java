package dev.freeport.flow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One request's state costs what every request needs: a stream's tally is made only for a stream. */
class ExchangeAllocationTest {
    private static Object sink;

    @Test
    void anExchangeThatIsNotStreamedMakesNoStreamTally() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 100_000; i++) {
            sink = new Exchange("r", "chat");
        }
        int n = 100_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink = new Exchange("r", "chat");
        }
        long perExchange = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("exchange: %d bytes allocated per request%n", perExchange);
        // the exchange, its tickets' list and its arrival instant: 216 bytes; a tally made eagerly (with its text
        // buffer) cost 272
        assertThat(perExchange).isLessThan(240);
        assertThat(new Exchange("r", "chat").tally()).isNotNull();
    }
}
