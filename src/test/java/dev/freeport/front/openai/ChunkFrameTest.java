package dev.freeport.front.openai;

import dev.freeport.api.ChunkFacts;
import dev.freeport.dialect.openai.ChunkScan;
import dev.freeport.dialect.openai.ModelField;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A chunk's SSE frame written straight from the upstream's read, with the model renamed and a null usage cut. */
class ChunkFrameTest {

    private static final String READ_PREFIX = "data: ";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"c\",\"model\":\"up\",\"usage\":null,\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}"
                    + "|{\"id\":\"c\",\"model\":\"my-alias\",\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}",
            "{\"usage\":null,\"id\":\"c\",\"choices\":[],\"model\":\"up\"}"
                    + "|{\"id\":\"c\",\"choices\":[],\"model\":\"my-alias\"}",
            "{\"model\":\"up\",\"choices\":[] , \"usage\" : null}|{\"model\":\"my-alias\",\"choices\":[] }"})
    void theFrameIsTheChunkRenamedWithoutItsNullUsageAndSizedExactly(String chunk, String expected) {
        byte[] read = (READ_PREFIX + chunk + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
        int from = READ_PREFIX.length();
        int length = chunk.getBytes(StandardCharsets.UTF_8).length;
        ChunkFacts facts = ChunkScan.scan(read, from, from + length);
        Buffer frame = ChunkFrame.of(read, from, length, facts.model(), ModelField.quoted("my-alias"),
                facts.nullUsageStart(), facts.nullUsageEnd());
        assertThat(frame.toString()).isEqualTo("data: " + expected + "\n\n");
        assertThat(((io.vertx.core.internal.buffer.BufferInternal) frame).getByteBuf().capacity())
                .isEqualTo(frame.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"model\":\"my-alias\",\"choices\":[]}", "{\"choices\":[]}"})
    void aChunkThatAlreadyNamesTheAliasOrNoModelGoesOutAsItCame(String chunk) {
        byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
        ChunkFacts facts = ChunkScan.scan(b);
        assertThat(ChunkFrame.of(b, 0, b.length, facts.model(), ModelField.quoted("my-alias"), -1, -1).toString())
                .isEqualTo("data: " + chunk + "\n\n");
    }
}
