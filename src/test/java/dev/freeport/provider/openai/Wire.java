package dev.freeport.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.Timeouts;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.http.ProviderSettings;
import dev.freeport.provider.http.SseParser;
import dev.freeport.provider.http.StreamDecoder;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: recorded wire files, settings per preset, and running bytes through SseParser + decoder. */
public final class Wire {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    public static byte[] bytes(String file) {
        try (InputStream in = Wire.class.getResourceAsStream("/wire/openai/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no wire file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Buffer buffer(String file) {
        return Buffer.buffer(bytes(file));
    }

    public static ProviderSettings settings(String preset, String apiKey) {
        return OpenAiPresets.settings(config(preset, null, apiKey, Map.of()));
    }

    static ProviderConfig config(String preset, String baseUrl, String apiKey, Map<String, String> headers) {
        return new ProviderConfig(preset == null ? "plain" : preset, "openai", preset, baseUrl, apiKey, headers,
                Timeouts.DEFAULTS, Map.of());
    }

    public static OpenAiCodec codec(String preset) {
        return new OpenAiCodec(settings(preset, "sk-test-key-000000000000"));
    }

    static ChatRequest request(String json, boolean stream) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(json);
            return new ChatRequest(body.path("model").asText(), stream, false, null, null, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChatRequest simpleRequest() {
        return request("{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", false);
    }

    /** Feeds {@code data} in pieces of the given sizes (cycled), then closes; returns every item emitted. */
    public static List<StreamItem> decode(OpenAiCodec codec, byte[] data, int... pieceSizes) {
        StreamDecoder decoder = codec.streamDecoder(simpleRequest(), "m");
        List<StreamItem> items = new ArrayList<>();
        SseParser parser = new SseParser(ev -> decoder.onEvent(ev, items::add));
        int pos = 0;
        int i = 0;
        while (pos < data.length) {
            int size = pieceSizes.length == 0 ? data.length : Math.max(1, pieceSizes[i++ % pieceSizes.length]);
            int end = Math.min(data.length, pos + size);
            parser.feed(data, pos, end);
            pos = end;
        }
        parser.finish();
        decoder.onClose(items::add);
        return items;
    }

    public static List<ObjectNode> chunks(List<StreamItem> items) {
        List<ObjectNode> out = new ArrayList<>();
        for (StreamItem it : items) {
            if (it instanceof StreamItem.Chunk c) {
                out.add(c.chunk());
            }
        }
        return out;
    }
}
