package dev.freeport.route;

import dev.freeport.api.ChatResult;
import dev.freeport.api.EmbeddingsResult;
import dev.freeport.provider.Call;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.EmbeddingsCall;
import dev.freeport.provider.Provider;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A target's label, "provider/model": made once with the target, not on each of its several uses per request. */
class TargetLabelTest {
    private static final Provider DEEPSEEK = new Provider() {
        @Override
        public String name() {
            return "deepseek";
        }

        @Override
        public String type() {
            return "openai";
        }

        @Override
        public Future<ChatResult> chat(Call call) {
            return Future.failedFuture("unused");
        }

        @Override
        public Future<ChunkStream> chatStream(Call call) {
            return Future.failedFuture("unused");
        }

        @Override
        public Future<EmbeddingsResult> embeddings(EmbeddingsCall call) {
            return Future.failedFuture("unused");
        }
    };

    @Test
    void theLabelIsProviderSlashModelMadeOnce() {
        Target t = new Target(DEEPSEEK, "deepseek-chat", 1, null, null, null, null, null);
        assertThat(t.label()).isEqualTo("deepseek/deepseek-chat").isSameAs(t.label());
    }
}
