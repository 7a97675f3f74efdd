package dev.freeport.flow;

import dev.freeport.front.Endpoint;
import dev.freeport.module.InnerRequests;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.Locale;
import java.util.Map;

/**
 * The caller of a request a module sends through the flow ({@link InnerRequests}): no socket, the key named by id
 * (authenticated by {@link dev.freeport.caller.Authenticator#principal}, never by a secret), the body given, the
 * answer kept whole. Streams are not offered to inner requests: the sender asks for none.
 */
public final class InnerCaller implements Caller {
    final InnerRequests.Request request;
    private final Map<String, String> headers;
    private final Promise<InnerRequests.Reply> reply = Promise.promise();
    private boolean answered;

    /**
     * What modules send through {@code flow}: each request the same flow as {@link RequestFlow#chat} or
     * {@link RequestFlow#embeddings}, authenticated by the key's id, its ledger event tagged with its tag.
     */
    public static InnerRequests requests(RequestFlow flow) {
        return new InnerRequests() {
            @Override
            public Future<InnerRequests.Reply> send(InnerRequests.Request request) {
                InnerCaller caller = new InnerCaller(request);
                switch (request.endpoint()) {
                    case Endpoint.Chat chat -> flow.chat(caller, chat);
                    case Endpoint.Embeddings embeddings -> flow.embeddings(caller, embeddings);
                    case Endpoint.Query query -> {
                        return Future.failedFuture("inner requests go to chat or embeddings endpoints");
                    }
                }
                return caller.reply();
            }

            @Override
            public Future<InnerRequests.Reply> settle(InnerRequests.Result result) {
                return flow.settle(result);
            }

            @Override
            public Future<Void> release(InnerRequests.Request request, InnerRequests.Handed handed) {
                return flow.release(request, handed);
            }

            @Override
            public dev.freeport.provider.BatchApi batchApi(InnerRequests.Handed handed) {
                return flow.batchApi(handed);
            }
        };
    }

    /** A caller for answering {@code request} outside a flow run (a handed-over request's settled answer). */
    static InnerCaller of(InnerRequests.Request request) {
        return new InnerCaller(request);
    }

    /** The request went to a batch API instead: 202, nothing sent, what to put in the batch. */
    void handedOver(String requestId, InnerRequests.Handed handed) {
        answered = true;
        reply.tryComplete(new InnerRequests.Reply(202, Buffer.buffer(), requestId, null, handed));
    }

    private InnerCaller(InnerRequests.Request request) {
        this.request = request;
        this.headers = request.headers().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
    }

    Future<InnerRequests.Reply> reply() {
        return reply.future();
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String presentedKey() {
        return null;
    }

    @Override
    public Future<Buffer> body(long limit) {
        return Future.succeededFuture(request.body());
    }

    @Override
    public void onGone(Runnable action) {
        // never gone: the module waits for every answer
    }

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public void reply(int status, MultiMap headers, Buffer body) {
        answered = true;
        reply.tryComplete(new InnerRequests.Reply(status, body, headers.get(Replies.REQUEST_ID),
                headers.get("retry-after")));
    }

    @Override
    public Stream stream(MultiMap headers) {
        throw new IllegalStateException("inner requests do not stream");
    }
}
