package dev.freeport.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiUsageTest {

    private static Usage streamed(String json) throws IOException {
        try (JsonParser p = Json.MAPPER.createParser(json)) {
            p.nextToken();
            return OpenAiUsage.from(p);
        }
    }

    @Test
    void aUsageReadWithoutATreeIsTheUsageReadFromItsTree() throws IOException {
        for (String usage : List.of(
                "{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}",
                "{\"prompt_tokens\":120,\"completion_tokens\":50,\"prompt_tokens_details\":{\"cached_tokens\":64,"
                        + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":30}}",
                "{\"prompt_tokens\":100,\"completion_tokens\":9,\"prompt_cache_hit_tokens\":40,"
                        + "\"prompt_cache_miss_tokens\":60}",
                "{\"prompt_tokens\":100,\"completion_tokens\":9,\"cached_tokens\":30}",
                "{\"prompt_tokens\":100,\"completion_tokens\":9,\"cache_creation_input_tokens\":200,"
                        + "\"cache_creation\":{\"ephemeral_1h_input_tokens\":70},"
                        + "\"server_tool_use\":{\"web_search_requests\":2,\"web_fetch_requests\":1}}",
                "{\"prompt_tokens\":-3,\"completion_tokens\":7.9,\"prompt_tokens_details\":null,"
                        + "\"completion_tokens_details\":[1],\"server_tool_use\":{\"web_search_requests\":0}}",
                "{\"prompt_tokens\":\"12\",\"completion_tokens\":99999999999999999999999,\"prompt_tokens\":4}")) {
            assertThat(streamed(usage)).as(usage).isEqualTo(OpenAiUsage.from(Json.MAPPER.readTree(usage)));
        }
    }
}
