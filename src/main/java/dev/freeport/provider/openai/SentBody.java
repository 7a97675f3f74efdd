package dev.freeport.provider.openai;

import dev.freeport.api.ChatRequest;
import dev.freeport.dialect.openai.ModelField;
import dev.freeport.json.JsonMembers;
import dev.freeport.json.WrittenBody;
import dev.freeport.provider.http.ProviderSettings.Quirks;

import java.nio.charset.StandardCharsets;

/**
 * An OpenAI-format caller's body sent on to an OpenAI-format upstream as the bytes it came in, with the members the
 * codec adjusts (model, stream, stream options, the output cap's spelling) changed in place and written once, by
 * the client that sends it (the raw client straight after the request head): no copy of the tree, no serialisation. Every case where the tree path would change more (both spellings of the cap,
 * a null cap to drop, stream options without {@code include_usage} to add to, a request the gateway built) is
 * null here, and {@link OpenAiCodec} writes the tree as before.
 */
final class SentBody {
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE_OPTION = "\"stream_options\":{\"include_usage\":true}"
            .getBytes(StandardCharsets.US_ASCII);

    private static final byte[] QUOTED_MAX_TOKENS = ModelField.quoted(OpenAiPresets.MAX_TOKENS);
    private static final byte[] QUOTED_MAX_COMPLETION_TOKENS = ModelField.quoted(OpenAiPresets.MAX_COMPLETION_TOKENS);

    private SentBody() {
    }

    /**
     * The body to send, or null when the caller's bytes cannot be sent on with these changes alone;
     * {@code quotedModel} is the upstream model's JSON string ({@link ModelField#quoted}), made once per target.
     */
    static WrittenBody encode(ChatRequest request, byte[] quotedModel, boolean stream, Quirks quirks) {
        JsonMembers sent = request.sent();
        if (sent == null || request.nativeAnthropic() != null) {
            return null;
        }
        int model = sent.find("model");
        int streamAt = sent.find("stream");
        int options = sent.find("stream_options");
        int maxTokens = sent.find(OpenAiPresets.MAX_TOKENS);
        int maxCompletion = sent.find(OpenAiPresets.MAX_COMPLETION_TOKENS);
        if (model < 0 || streamAt == -2 || options == -2 || maxTokens == -2 || maxCompletion == -2) {
            return null;
        }
        JsonMembers.Edit edit = sent.edit().value(model, quotedModel);
        if (!stream) {
            cutIfThere(edit, streamAt);
            cutIfThere(edit, options);
        } else if (streamAt < 0 || !sent.valueIs(streamAt, TRUE)) {
            return null;
        } else if (!quirks.streamUsageOption()) {
            cutIfThere(edit, options);
        } else if (options < 0) {
            edit.add(USAGE_OPTION);
        } else if (!request.includeUsage()) {
            return null; // the caller's options, with include_usage set: the tree path merges them
        }
        String want = quirks.maxTokensField();
        if (want != null) {
            boolean wantsMaxTokens = want.equals(OpenAiPresets.MAX_TOKENS);
            int other = wantsMaxTokens ? maxCompletion : maxTokens;
            int wanted = wantsMaxTokens ? maxTokens : maxCompletion;
            if (other >= 0) {
                if (wanted >= 0 || sent.valueIs(other, NULL)) {
                    return null;
                }
                edit.rename(other, wantsMaxTokens ? QUOTED_MAX_TOKENS : QUOTED_MAX_COMPLETION_TOKENS);
            }
        }
        if (request.maxOutputTokens() != null && maxTokens < 0 && maxCompletion < 0) {
            return null; // a cap the gateway imposed: the tree path writes it
        }
        return edit;
    }

    private static void cutIfThere(JsonMembers.Edit edit, int member) {
        if (member >= 0) {
            edit.cut(member);
        }
    }
}
