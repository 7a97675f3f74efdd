package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic-shaped errors, model listings and token counts. */
class AnthropicShapesTest {

    @Test
    void errorsRenderInAnthropicsShape() {
        ObjectNode e = AnthropicErrorJson.of(GatewayError.invalid("max_tokens", "max_tokens: Field required"));
        assertThat(e).isEqualTo(FrontWire.parse("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"max_tokens: Field required\"}}"));
    }

    @Test
    void errorTypesFollowKinds() {
        assertThat(AnthropicErrorJson.type(ErrorKind.AUTHENTICATION)).isEqualTo("authentication_error");
        assertThat(AnthropicErrorJson.type(ErrorKind.PERMISSION)).isEqualTo("permission_error");
        assertThat(AnthropicErrorJson.type(ErrorKind.NOT_FOUND)).isEqualTo("not_found_error");
        assertThat(AnthropicErrorJson.type(ErrorKind.PAYLOAD_TOO_LARGE)).isEqualTo("request_too_large");
        assertThat(AnthropicErrorJson.type(ErrorKind.RATE_LIMITED)).isEqualTo("rate_limit_error");
        assertThat(AnthropicErrorJson.type(ErrorKind.UPSTREAM_TIMEOUT)).isEqualTo("api_error");
        assertThat(AnthropicErrorJson.type(ErrorKind.UNAVAILABLE)).isEqualTo("overloaded_error");
    }

    @Test
    void unavailableIs529AndOthersKeepTheirStatus() {
        assertThat(AnthropicErrorJson.status(GatewayError.of(ErrorKind.UNAVAILABLE, "x"))).isEqualTo(529);
        assertThat(AnthropicErrorJson.status(new GatewayError(ErrorKind.INVALID_REQUEST, 422, "x", null, null,
                null))).isEqualTo(422);
    }

    @Test
    void modelListHasAnthropicsPageShape() {
        ObjectNode list = AnthropicModels.list(List.of("smart", "fast"));
        assertThat(list).isEqualTo(FrontWire.parse("{\"data\":[{\"type\":\"model\",\"id\":\"smart\","
                + "\"display_name\":\"smart\",\"created_at\":\"2025-01-01T00:00:00Z\"},{\"type\":\"model\","
                + "\"id\":\"fast\",\"display_name\":\"fast\",\"created_at\":\"2025-01-01T00:00:00Z\"}],"
                + "\"has_more\":false,\"first_id\":\"smart\",\"last_id\":\"fast\"}"));
    }

    @Test
    void emptyModelListHasNullIds() {
        ObjectNode list = AnthropicModels.list(List.of());
        assertThat(list.get("first_id").isNull()).isTrue();
        assertThat(list.get("data")).isEmpty();
    }

    @Test
    void countTokensCountsSystemMessagesAndTools() {
        MessagesRequest bare = MessagesDecoder.decodeForCount(Buffer.buffer(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world\"}]}"));
        MessagesRequest more = MessagesDecoder.decodeForCount(Buffer.buffer(
                "{\"model\":\"m\",\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"Hello, world\"}],\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}]}"));
        int n = CountTokens.count(bare);
        assertThat(n).isEqualTo(3 + 3 + 1 + 3); // priming + message + "user" + "Hello, world"
        assertThat(CountTokens.count(more)).isGreaterThan(n);
        assertThat(CountTokens.response(bare)).isEqualTo(FrontWire.parse("{\"input_tokens\":" + n + "}"));
    }
}
