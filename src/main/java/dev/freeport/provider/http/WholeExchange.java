package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * One non-streaming exchange as one object: its timeouts (it is its own {@link ExchangeTimer}), its cancellation's
 * action, and the listener of each of its three steps in turn (the connection, the answer's head, the whole body),
 * ending in one promise. Ending it cancels its timer first, so the promise needs no listener of its own and the
 * dispatcher's listener is the promise's only one. Where this was a timer, a promise listener, an array for the call
 * in flight and five lambdas per exchange, it is this object and its promise. Runs on the request's event loop.
 */
final class WholeExchange<T> extends ExchangeTimer implements Runnable, Completable<Object> {
    /** the step whose result {@link #complete} hears next */
    private static final int CONNECTING = 0;
    private static final int SENDING = 1;
    private static final int READING = 2;

    private final Promise<T> promise = Promise.promise();
    private final UpstreamRequest req;
    private final ChatCodec codec;
    private final Function<Buffer, T> decode;
    private int step = CONNECTING;
    /** the call in flight once the connection is there (reset when the exchange ends early), and its answer */
    private UpstreamCall call;
    private UpstreamCall.Answer answer;

    private WholeExchange(Vertx vertx, Timeouts timeouts, UpstreamRequest req, ChatCodec codec,
                          Function<Buffer, T> decode) {
        super(vertx, timeouts, null);
        this.req = req;
        this.codec = codec;
        this.decode = decode;
    }

    /**
     * Sends {@code req} to {@code base} and reads the whole answer: {@code decode}'s value for a 2xx, the codec's
     * mapped error otherwise; within {@code timeouts} (first byte, total), ended early by {@code cancellation}.
     */
    static <T> WholeExchange<T> start(Vertx vertx, UpstreamClient client, UpstreamClient.Base base,
                                      UpstreamRequest req, Timeouts timeouts, Cancellation cancellation,
                                      ChatCodec codec, Function<Buffer, T> decode) {
        WholeExchange<T> x = new WholeExchange<>(vertx, timeouts, req, codec, decode);
        cancellation.onCancel(x);
        client.call(base, req, timeouts, x);
        return x;
    }

    /** The decoded answer, or the exchange's failure. */
    Future<T> future() {
        return promise.future();
    }

    /** The result of the step under way. */
    @Override
    public void complete(Object result, Throwable failure) {
        switch (step) {
            case CONNECTING -> opened((UpstreamCall) result, failure);
            case SENDING -> sent((UpstreamCall.Answer) result, failure);
            default -> read((Buffer) result, failure);
        }
    }

    private void opened(UpstreamCall opened, Throwable failure) {
        if (failure != null) {
            failWith(failure);
            return;
        }
        call = opened;
        if (promise.future().isComplete()) {
            opened.reset();
            return;
        }
        step = SENDING;
        opened.sendRequest(req, this);
    }

    private void sent(UpstreamCall.Answer response, Throwable failure) {
        if (failure != null) {
            failWith(HttpProvider.failureOf(failure).toException());
            return;
        }
        headArrived();
        answer = response;
        step = READING;
        WholeBody.read(response, this);
    }

    private void read(Buffer body, Throwable failure) {
        UpstreamCall.Answer response = answer;
        if (failure != null) {
            failWith(UpstreamFailure.of(FailureKind.CONNECT, response.statusCode(),
                    "connection lost while reading the answer").toException());
        } else if (response.statusCode() / 100 == 2) {
            T value;
            try {
                value = decode.apply(body);
            } catch (UpstreamException e) {
                failWith(e);
                return;
            } catch (RuntimeException e) {
                failWith(UpstreamFailure.of(FailureKind.MALFORMED, response.statusCode(),
                        "unreadable answer: " + e.getClass().getSimpleName()).toException());
                return;
            }
            cancel();
            promise.tryComplete(value);
        } else {
            failWith(codec.mapError(response.statusCode(), response.headers(), body).toException());
        }
    }

    /** The caller went away. */
    @Override
    public void run() {
        abort(UpstreamFailure.of(FailureKind.CANCELLED, 0, "the caller went away"));
    }

    @Override
    void timedOut(UpstreamFailure failure) {
        abort(failure);
    }

    /** Ends the exchange with {@code failure} and resets the call in flight, unless it has ended already. */
    private void abort(UpstreamFailure failure) {
        if (failWith(failure.toException()) && call != null) {
            call.reset();
        }
    }

    /** Ends the exchange with {@code failure} (the timer first); false when it had ended already. */
    private boolean failWith(Throwable failure) {
        cancel();
        return promise.tryFail(failure);
    }
}
