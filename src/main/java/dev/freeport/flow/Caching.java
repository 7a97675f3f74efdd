package dev.freeport.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.ChatResult;
import dev.freeport.dialect.openai.Completions;
import dev.freeport.front.ChatTranslator;
import dev.freeport.front.StreamWriter;
import dev.freeport.json.Json;
import dev.freeport.ledger.CostDetail;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.CachedAnswer;
import dev.freeport.module.ResponseCache;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Step "cache" of the flow (docs/CACHE.md): the module's {@link ResponseCache} looks the decoded request up before
 * it is admitted and routed; a hit is served in the caller's format (JSON, or a stream built from the kept answer)
 * and recorded at cost 0 with the dollars it saved; a miss goes on, and its answer is offered to the cache after
 * the last byte. An alias without a cache costs one map lookup in the module and nothing here.
 */
final class Caching {
    private static final Logger LOG = Logger.getLogger(Caching.class.getName());
    static final String HEADER = "x-freeport-cache";

    private Caching() {
    }

    /** The look-up of the request, or null when no module caches or its alias keeps no cache. */
    static ResponseCache.Lookup lookUp(ResponseCache cache, GatewayRuntime rt, Caller caller, Exchange ex,
                                       ChatRequest decoded) {
        if (cache == null || !cache.keeps(rt, ex.alias)) {
            return null;
        }
        ex.cache = cache.lookUp(rt, ex.principal, ex.alias, decoded, caller::header);
        return ex.cache;
    }

    /** A miss goes on to dispatch (the request returned); a streamed one the cache wants is added up as it goes. */
    static ChatRequest missed(Exchange ex, ChatRequest decoded) {
        if (decoded.stream() && ex.cache.wantsAnswer()) {
            ex.tally().keepAnswer();
        }
        return decoded;
    }

    /** Serves a kept answer as the caller's front writes it: JSON, or a stream with the same content. */
    static Future<Void> serve(Caller caller, Exchange ex, ChatTranslator front, ChatRequest chat, CachedAnswer hit,
                              Runnable record) {
        ObjectNode completion;
        try {
            completion = (ObjectNode) Json.MAPPER.readTree(hit.json());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a kept answer did not parse", e);
        }
        completion.put("id", "chatcmpl-" + ex.id.substring(4));
        ex.hit = hit;
        ex.firstTokenNanos = System.nanoTime();
        ex.answered(new Exchange.Answer(hit.usage(), hit.finishReason(), 0, CostDetail.PRICED));
        if (!chat.stream()) {
            ChatResult result = new ChatResult(completion, hit.usage(), hit.finishReason());
            ex.result = result;
            Buffer body = front.encodeBytes(chat, result);
            record.run();
            Replies.json(caller, ex, body, true);
            return Future.succeededFuture();
        }
        Caller.Stream res = Replies.streamHead(caller, ex);
        StreamWriter writer = front.streamWriter(chat);
        Buffer out = Buffer.buffer(hit.json().length * 2 + 256);
        for (ObjectNode chunk : Completions.chunks(completion, completion.get("id").asText())) {
            writer.chunk(chunk, out::appendBuffer);
        }
        writer.end(out::appendBuffer);
        record.run();
        res.end(out);
        return Future.succeededFuture();
    }

    /**
     * When the request is recorded, just before the answer's last byte is written: the answer of a miss the cache
     * wants, offered to it (it keeps what its rules allow), so that a repeat the caller sends once it has the answer
     * is an exact hit.
     */
    static void offer(Exchange ex) {
        ResponseCache.Lookup lookup = ex.cache;
        if (lookup == null || ex.hit != null || !lookup.wantsAnswer() || ex.event == null
                || ex.event.status() != UsageEvent.Status.OK || ex.served == null) {
            return;
        }
        try {
            Exchange.Answer a = ex.answer();
            byte[] json;
            if (ex.stream) {
                Completions.Assembler kept = ex.tally().kept();
                ObjectNode c = kept == null ? null : kept.completion(ex.served.upstreamModel(), a.usage());
                if (c == null) {
                    return;
                }
                json = Json.bytes(c);
            } else if (ex.result == null) {
                return;
            } else {
                byte[] received = ex.result.bytes(); // a copy of the received range: called once
                json = received != null ? received : Json.bytes(ex.result.body());
            }
            lookup.offer(new CachedAnswer(json, a.usage(), a.finishReason(), a.cost().known() ? a.costNanos() : 0,
                    ex.served.provider().name(), ex.served.upstreamModel()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + ex.id + ": the response cache could not keep the answer", e);
        }
    }

    /** {@code x-freeport-cache}, and for a hit the provider and model that first served the answer. */
    static void headers(MultiMap h, Exchange ex) {
        if (ex.cache == null) {
            return;
        }
        h.add(HEADER, ex.cache.verdict());
        if (ex.hit != null) {
            h.set(Replies.PROVIDER, ex.hit.provider());
            h.set(Replies.MODEL, ex.hit.upstreamModel());
        }
    }
}
