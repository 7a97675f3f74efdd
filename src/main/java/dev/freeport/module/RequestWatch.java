package dev.freeport.module;

import dev.freeport.api.ChatRequest;
import dev.freeport.caller.Principal;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.Attempt;
import dev.freeport.route.Target;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows one request through the flow (see {@link RequestWatcher}). Every method has a no-op default; all are
 * called on the request's event loop and must not block.
 */
public interface RequestWatch {

    /** Follows nothing. */
    RequestWatch NONE = new RequestWatch() {
    };

    /** The chat request as decoded (model, sampling parameters, and its messages when a watch keeps contents). */
    default void decoded(ChatRequest request) {
    }

    /**
     * One attempt at {@code target} is about to be sent upstream: its watch gives the headers to send with it (W3C
     * trace context) and hears if it fails. The attempt that answers ends with the request ({@link #ended}).
     */
    default AttemptWatch attempt(Target target) {
        return AttemptWatch.NONE;
    }

    /** Whether this watch wants the answer's text ({@link #answerText}); false keeps the flow from building it. */
    default boolean wantsAnswerText() {
        return false;
    }

    /** The answer's text (content, reasoning, tool arguments), when {@link #wantsAnswerText()}. */
    default void answerText(String text) {
    }

    /**
     * The request ended: its one ledger event (outcome, tokens, cost, latency), who called, the caller's API (the
     * front's name, null before it was known), and every attempt in order.
     */
    default void ended(UsageEvent event, Principal principal, String front, List<Attempt> attempts) {
    }

    /**
     * The request was handed to {@code target}'s batch API instead of being sent (a native batch's request): it ends
     * here for this watch, without a ledger event yet (the answer is settled later, as its own record). {@code
     * requestId} is the id its ledger event will carry.
     */
    default void handedOver(String requestId, Principal principal, String front, String alias, Target target) {
    }

    /** Several watches as one: each hears everything; the attempt headers of all of them are sent. */
    static RequestWatch all(RequestWatch... watches) {
        return new RequestWatch() {
            @Override
            public void decoded(ChatRequest request) {
                for (RequestWatch w : watches) {
                    w.decoded(request);
                }
            }

            @Override
            public AttemptWatch attempt(Target target) {
                AttemptWatch[] each = new AttemptWatch[watches.length];
                Map<String, String> headers = new HashMap<>();
                for (int i = 0; i < each.length; i++) {
                    each[i] = watches[i].attempt(target);
                    headers.putAll(each[i].headers());
                }
                Map<String, String> all = Map.copyOf(headers);
                return new AttemptWatch() {
                    @Override
                    public Map<String, String> headers() {
                        return all;
                    }

                    @Override
                    public void failed(Throwable cause) {
                        for (AttemptWatch w : each) {
                            w.failed(cause);
                        }
                    }
                };
            }

            @Override
            public boolean wantsAnswerText() {
                for (RequestWatch w : watches) {
                    if (w.wantsAnswerText()) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void answerText(String text) {
                for (RequestWatch w : watches) {
                    if (w.wantsAnswerText()) {
                        w.answerText(text);
                    }
                }
            }

            @Override
            public void ended(UsageEvent event, Principal principal, String front, List<Attempt> attempts) {
                for (RequestWatch w : watches) {
                    w.ended(event, principal, front, attempts);
                }
            }

            @Override
            public void handedOver(String requestId, Principal principal, String front, String alias, Target target) {
                for (RequestWatch w : watches) {
                    w.handedOver(requestId, principal, front, alias, target);
                }
            }
        };
    }
}
