package dev.freeport.batch;

import dev.freeport.front.Endpoint;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.front.openai.OpenAiFront;

import java.util.List;

/** The fronts' endpoints a batch's requests run at: OpenAI's chat completions and embeddings, Anthropic's Messages. */
final class Endpoints {
    static final String CHAT = "/v1/chat/completions";
    static final String EMBEDDINGS = "/v1/embeddings";
    static final String MESSAGES = "/v1/messages";
    static final List<String> OPENAI = List.of(CHAT, EMBEDDINGS);

    private Endpoints() {
    }

    static Endpoint of(String path) {
        List<Endpoint> all = MESSAGES.equals(path) ? AnthropicFront.INSTANCE.endpoints()
                : OpenAiFront.INSTANCE.endpoints();
        for (Endpoint e : all) {
            if (e.paths().contains(path) && !(e instanceof Endpoint.Query)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no front serves " + path);
    }
}
