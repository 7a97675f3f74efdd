package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted "coding model" for {@link FakeUpstream#respondWith}: asked with tools, it first calls the agent's own
 * file-writing tool (or its shell tool) to write one file, and once a tool result is in the conversation it
 * answers with a final text. Requests without tools (title generation, summaries) get a short text. It reads the
 * tools and the conversation in every wire format the fake speaks: OpenAI chat (tools[].function, role "tool"),
 * Anthropic Messages (tools[].input_schema, tool_result blocks), Gemini (tools[].functionDeclarations,
 * functionResponse parts: run the fake with Gemini call ids on, so results name this model's call ids) and the
 * Responses API (flat function tools, namespaces, additional_tools input items, function_call_output items).
 */
public final class CodingModel implements Function<RecordedRequest, Reply> {
    /** The final answer once the tool result came back. */
    public static final String DONE_TEXT = "Done: the file is written.";
    /** The answer to requests without tools. */
    public static final String PLAIN_TEXT = "Write a file";

    private static final Set<String> WRITE_TOOLS = Set.of("Write", "write_file", "write");
    private static final Set<String> SHELL_TOOLS = Set.of("exec_command", "shell_command", "shell",
            "run_shell_command", "bash", "Bash");

    private final Path file;
    private final String content;
    private final AtomicInteger toolCalls = new AtomicInteger();
    private final AtomicInteger toolResults = new AtomicInteger();
    private final List<String> callIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A model that writes this content to this file (an absolute path inside the agent's working directory). */
    public CodingModel(Path file, String content) {
        this.file = file.toAbsolutePath();
        this.content = content;
    }

    /** Tool calls this model answered with. */
    public int toolCalls() {
        return toolCalls.get();
    }

    /** Requests that came back with a result of one of this model's tool calls. */
    public int toolResults() {
        return toolResults.get();
    }

    /** The ids of the tool calls this model made, in order. */
    public List<String> callIds() {
        return List.copyOf(callIds);
    }

    @Override
    public Reply apply(RecordedRequest request) {
        JsonNode body = request.body();
        if (body == null) {
            return Reply.ok(PLAIN_TEXT);
        }
        List<Tool> tools = tools(body);
        if (tools.isEmpty()) {
            return Reply.ok(PLAIN_TEXT);
        }
        List<String> results = toolResultIds(body);
        if (results.stream().anyMatch(callIds::contains)) {
            toolResults.incrementAndGet();
            return Reply.ok(DONE_TEXT);
        }
        if (!results.isEmpty()) {
            return Reply.ok(DONE_TEXT);
        }
        ToolCall call = writeCall(tools);
        if (call == null) {
            return Reply.ok("No tool here can write a file; tools: " + tools.stream().map(Tool::name).toList());
        }
        String id = "call_e2e_" + toolCalls.incrementAndGet();
        callIds.add(id);
        return Reply.toolCalls(new ToolCall(id, call.name(), call.argumentsJson()));
    }

    /** The call (without id) this model makes to write its file given this request's tools, or null. */
    public ToolCall writeCallFor(JsonNode body) {
        return writeCall(tools(body));
    }

    /** The ids of the tool results in this request's conversation (chat, Messages or Responses format). */
    public static List<String> toolResultsIn(JsonNode body) {
        return toolResultIds(body);
    }

    /** The call (without id) of the best tool to write the file with, or null. */
    private ToolCall writeCall(List<Tool> tools) {
        for (Tool t : tools) {
            if (WRITE_TOOLS.contains(t.name())) {
                String pathKey = t.first("file_path", "filePath", "path");
                if (pathKey != null && t.properties().contains("content")) {
                    ObjectNode args = OpenAiWire.JSON.createObjectNode().put(pathKey, file.toString())
                            .put("content", content);
                    return ToolCall.of(t.name(), args.toString());
                }
            }
        }
        for (Tool t : tools) {
            if (SHELL_TOOLS.contains(t.name())) {
                String command = "printf '%s' '" + content.replace("'", "'\\''") + "' > '" + file + "'";
                String key = t.first("cmd", "command");
                if (key == null) {
                    continue;
                }
                ObjectNode args = OpenAiWire.JSON.createObjectNode();
                if (t.name().equals("shell")) {
                    args.putArray(key).add("bash").add("-lc").add(command);
                } else {
                    args.put(key, command);
                }
                return ToolCall.of(t.name(), args.toString());
            }
        }
        return null;
    }

    /** A tool the request offers: its name and the names of its parameters. */
    record Tool(String name, List<String> properties) {
        String first(String... candidates) {
            for (String c : candidates) {
                if (properties.contains(c)) {
                    return c;
                }
            }
            return null;
        }
    }

    static List<Tool> tools(JsonNode body) {
        List<Tool> out = new ArrayList<>();
        addTools(body.path("tools"), out);
        for (JsonNode item : body.path("input")) {
            if ("additional_tools".equals(item.path("type").asText())) {
                addTools(item.path("tools"), out);
            }
        }
        return out;
    }

    private static void addTools(JsonNode tools, List<Tool> out) {
        for (JsonNode t : tools) {
            if ("namespace".equals(t.path("type").asText())) {
                addTools(t.path("tools"), out);
                continue;
            }
            if (t.has("functionDeclarations")) {
                addTools(t.get("functionDeclarations"), out);
                continue;
            }
            JsonNode fn = t.has("function") ? t.get("function") : t;
            if (!fn.hasNonNull("name")) {
                continue;
            }
            JsonNode schema = fn.has("parameters") ? fn.get("parameters") : fn.has("parametersJsonSchema")
                    ? fn.get("parametersJsonSchema") : fn.path("input_schema");
            List<String> props = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(props::add);
            out.add(new Tool(fn.get("name").asText(), props));
        }
    }

    /** The tool call ids whose results are in the conversation, in every wire format. */
    static List<String> toolResultIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                ids.add(m.path("tool_call_id").asText());
            }
            if (m.path("content").isArray()) {
                for (JsonNode block : m.get("content")) {
                    if ("tool_result".equals(block.path("type").asText())) {
                        ids.add(block.path("tool_use_id").asText());
                    }
                }
            }
        }
        for (JsonNode content : body.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                if (part.has("functionResponse")) {
                    ids.add(part.get("functionResponse").path("id").asText());
                }
            }
        }
        for (JsonNode item : body.path("input")) {
            String type = item.path("type").asText();
            if (type.equals("function_call_output") || type.equals("custom_tool_call_output")) {
                ids.add(item.path("call_id").asText());
            }
        }
        return ids;
    }
}
