package dev.freeport.provider.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * {@link UpstreamCall} over Vert.x's client (its {@link LoopPool} connections, or the shared client off the event
 * loops): the request and, once it came, the answer.
 */
final class VertxCall implements UpstreamCall, UpstreamCall.Answer {
    private final HttpClientRequest request;
    private HttpClientResponse response;

    VertxCall(HttpClientRequest request) {
        this.request = request;
    }

    @Override
    public Future<Answer> send(Buffer body) {
        Future<HttpClientResponse> sent = body == null ? request.send() : request.send(body);
        return sent.map(this::answered);
    }

    private Answer answered(HttpClientResponse r) {
        response = r;
        return this;
    }

    @Override
    public void reset() {
        request.reset();
    }

    @Override
    public int statusCode() {
        return response.statusCode();
    }

    @Override
    public String getHeader(CharSequence name) {
        return response.getHeader(name);
    }

    @Override
    public MultiMap headers() {
        return response.headers();
    }

    @Override
    public Answer handler(Handler<Buffer> handler) {
        response.handler(handler);
        return this;
    }

    @Override
    public Answer endHandler(Handler<Void> handler) {
        response.endHandler(handler);
        return this;
    }

    @Override
    public Answer exceptionHandler(Handler<Throwable> handler) {
        response.exceptionHandler(handler);
        return this;
    }

    @Override
    public void pause() {
        response.pause();
    }

    @Override
    public void resume() {
        response.resume();
    }
}
