package dev.freeport.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.ChunkRestorer;
import dev.freeport.json.Json;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.StreamItem;
import io.vertx.core.Handler;

/**
 * A stream whose chunks get the request's pseudonyms restored ({@link ChunkRestorer}): text that could still be
 * the start of a placeholder is held back until the next chunk, the chunk that finishes the choice, or the end of
 * the stream (then sent in one more chunk before the end). Runs on the stream's event loop, like the stream.
 */
final class RestoringStream implements ChunkStream {
    private final ChunkStream inner;
    private final ChunkRestorer restorer;
    /** the first chunk's id, object, created and model, for a chunk that flushes what is held */
    private ObjectNode template;

    RestoringStream(ChunkStream inner, ChunkRestorer restorer) {
        this.inner = inner;
        this.restorer = restorer;
    }

    @Override
    public ChunkStream handler(Handler<StreamItem> handler) {
        inner.handler(item -> {
            switch (item) {
                case StreamItem.Chunk c -> {
                    ObjectNode tree = c.chunk();
                    if (template == null) {
                        template = Json.NODES.objectNode();
                        for (String f : new String[] {"id", "object", "created", "model"}) {
                            if (tree.has(f)) {
                                template.set(f, tree.get(f));
                            }
                        }
                    }
                    ObjectNode out = restorer.restore(tree);
                    handler.handle(out == tree ? c : new StreamItem.Chunk(out));
                }
                case StreamItem.End e -> {
                    flush(handler);
                    handler.handle(e);
                }
                case StreamItem.Failed f -> {
                    flush(handler);
                    handler.handle(f);
                }
                case StreamItem.Native n -> handler.handle(n);
            }
        });
        return this;
    }

    private void flush(Handler<StreamItem> handler) {
        if (template != null && restorer.holding()) {
            ObjectNode rest = restorer.flush(template);
            if (rest != null) {
                handler.handle(new StreamItem.Chunk(rest));
            }
        }
    }

    @Override
    public void pause() {
        inner.pause();
    }

    @Override
    public void resume() {
        inner.resume();
    }

    @Override
    public void cancel() {
        inner.cancel();
    }
}
