package dev.freeport.flow;

import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.AnswerTap;
import dev.freeport.route.assembly.GatewayRuntime;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Step "tap" of the flow: the modules' {@link AnswerTap}s hear of each chat request answered in full, after its
 * last byte. Nothing here can delay or fail the request: a tap returns at once and its exceptions are logged.
 */
final class Taps {
    private static final Logger LOG = Logger.getLogger(Taps.class.getName());

    private final List<AnswerTap> taps;
    private final Ledger ledger;

    Taps(List<AnswerTap> taps, Ledger ledger) {
        this.taps = List.copyOf(taps);
        this.ledger = ledger;
    }

    void answered(GatewayRuntime rt, Exchange ex) {
        if (taps.isEmpty() || ex.event == null || ex.admitted == null || ex.routing == null
                || ex.event.status() != UsageEvent.Status.OK) {
            return;
        }
        for (AnswerTap tap : taps) {
            try {
                tap.answered(rt, ex.alias, () -> new AnswerTap.Answered(rt, ledger, ex.principal, ex.admitted,
                        ex.routing, ex.event, ex.result, ex.stream ? ex.tally().text() : null));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request " + ex.id + ": a tap failed (the request was not affected)", e);
            }
        }
    }
}
