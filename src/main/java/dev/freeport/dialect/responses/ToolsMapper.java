package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.freeport.dialect.responses.Fields.absent;
import static dev.freeport.dialect.responses.Fields.invalid;
import static dev.freeport.dialect.responses.Fields.object;
import static dev.freeport.dialect.responses.Fields.string;
import static dev.freeport.dialect.responses.Fields.unsupported;
import static dev.freeport.dialect.responses.Fields.wrongType;

/**
 * Responses {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} → chat {@code tools},
 * {@code tool_choice} and {@code parallel_tool_calls}. Pure.
 *
 * <ul>
 *   <li>{@code function} (flat shape) → a chat function: name, description, parameters (absent → an empty object
 *       schema), strict. {@code defer_loading}, {@code output_schema}, {@code allowed_callers} are dropped: a
 *       deferred tool is simply offered up front, since tool search is not served.</li>
 *   <li>{@code custom} (freeform, e.g. Codex's {@code apply_patch} with a lark grammar) → a chat function of the
 *       same name with one required string parameter {@value #CUSTOM_INPUT}; its description gains a note that
 *       the input is raw text and, for a grammar, the grammar itself (no chat back end can enforce one, so the model
 *       is told). Calls of it go back as {@code custom_tool_call} items with that string as {@code input}.</li>
 *   <li>{@code namespace} → each function or custom tool inside it, named {@code <namespace>__<name>}; calls go
 *       back with the namespace and the inner name.</li>
 *   <li>the tools of {@code additional_tools} input items (how Codex offers its default model's tools) are offered
 *       like top-level ones, after them.</li>
 *   <li>Built-in tools the agent CLIs send by default ({@code web_search*}, {@code tool_search},
 *       {@code image_generation}) are dropped and listed (see {@link ResponsesRequest#droppedTools()}): Codex
 *       0.169 sends {@code web_search} and {@code tool_search} on every request, so refusing them would make it
 *       unusable; without them the model answers from what it knows. Every other built-in tool
 *       ({@code file_search}, {@code code_interpreter}, {@code computer_use_preview}, {@code mcp},
 *       {@code local_shell}, {@code shell}, {@code apply_patch}, ...) is refused with a 400 naming it: it carries
 *       data or a runtime the caller depends on (vector stores, containers, MCP servers) and no chat back end has
 *       it.</li>
 *   <li>{@code tool_choice}: auto/none/required as they are; {@code {type:function|custom, name}} → the named
 *       chat function; {@code {type:allowed_tools, mode, tools}} → only those tools are offered, with the mode as
 *       the choice; a choice forcing a built-in tool is refused. Without callable tools, auto/none are omitted and
 *       anything that demands a call is refused.</li>
 * </ul>
 */
final class ToolsMapper {
    static final String CUSTOM_INPUT = "input";
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");
    private static final Set<String> DROPPED = Set.of("web_search", "web_search_preview",
            "web_search_preview_2025_03_11", "web_search_2025_08_26", "tool_search", "image_generation");

    /** What the tools became: the chat fields to set, the name map, and the built-in tools dropped. */
    record Mapped(ArrayNode tools, JsonNode toolChoice, ToolNames names, List<String> dropped) {
    }

    /**
     * The tools of an {@code additional_tools} input item (Codex sends its default model's tools this way instead
     * of top-level {@code tools}), and where the item is, for error messages.
     */
    record Additional(ArrayNode tools, String path) {
    }

    private ToolsMapper() {
    }

    static Mapped map(JsonNode tools, JsonNode choice) {
        return map(tools, List.of(), choice);
    }

    /**
     * Top-level {@code tools}, then the tools of {@code additional_tools} items in conversation order: offered like
     * top-level ones; a name declared again by a later item keeps its first declaration.
     */
    static Mapped map(JsonNode tools, List<Additional> additional, JsonNode choice) {
        Map<String, ToolNames.Tool> names = new LinkedHashMap<>();
        Map<String, ObjectNode> chatTools = new LinkedHashMap<>();
        Set<String> dropped = new LinkedHashSet<>();
        if (!absent(tools)) {
            if (!tools.isArray()) {
                throw wrongType("tools", "an array", tools);
            }
            for (int i = 0; i < tools.size(); i++) {
                tool(object(tools.get(i), "tools[" + i + "]"), "tools[" + i + "]", null, names, chatTools, dropped);
            }
        }
        for (Additional a : additional) {
            Map<String, ToolNames.Tool> more = new LinkedHashMap<>();
            Map<String, ObjectNode> moreChat = new LinkedHashMap<>();
            for (int i = 0; i < a.tools().size(); i++) {
                String p = a.path() + "[" + i + "]";
                tool(object(a.tools().get(i), p), p, null, more, moreChat, dropped);
            }
            more.forEach(names::putIfAbsent);
            moreChat.forEach(chatTools::putIfAbsent);
        }
        JsonNode chatChoice = absent(choice) ? null : choice(choice, names, chatTools);
        ArrayNode out = Json.NODES.arrayNode();
        chatTools.values().forEach(out::add);
        if (out.isEmpty() && chatChoice != null) {
            String c = chatChoice.isTextual() ? chatChoice.textValue() : "function";
            if (!c.equals("auto") && !c.equals("none")) {
                throw invalid("tool_choice", "tool_choice '" + c + "' needs at least one function or custom tool "
                        + "in 'tools'" + (dropped.isEmpty() ? "." : " (built-in tools are dropped: " + dropped + ")."));
            }
            chatChoice = null;
        }
        return new Mapped(out, chatChoice, new ToolNames(names), List.copyOf(dropped));
    }

    private static void tool(ObjectNode t, String p, String namespace, Map<String, ToolNames.Tool> names,
                             Map<String, ObjectNode> chatTools, Set<String> dropped) {
        String type = string(t, "type", p + ".type");
        switch (type) {
            case "function" -> declare(t, p, namespace, ToolNames.Kind.FUNCTION, names, chatTools);
            case "custom" -> declare(t, p, namespace, ToolNames.Kind.CUSTOM, names, chatTools);
            case "namespace" -> {
                if (namespace != null) {
                    throw invalid(p + ".type", "a namespace cannot contain another namespace.");
                }
                String ns = string(t, "name", p + ".name");
                JsonNode inner = Fields.array(t.get("tools"), p + ".tools");
                for (int i = 0; i < inner.size(); i++) {
                    String ip = p + ".tools[" + i + "]";
                    tool(object(inner.get(i), ip), ip, ns, names, chatTools, dropped);
                }
            }
            default -> {
                if (namespace == null && DROPPED.contains(type)) {
                    dropped.add(type);
                } else {
                    throw unsupported(p + ".type", "The built-in tool '" + type + "'");
                }
            }
        }
    }

    private static void declare(ObjectNode t, String p, String namespace, ToolNames.Kind kind,
                                Map<String, ToolNames.Tool> names, Map<String, ObjectNode> chatTools) {
        String name = string(t, "name", p + ".name");
        String chatName = ToolNames.chatName(namespace, name);
        if (!NAME.matcher(chatName).matches()) {
            throw invalid(p + ".name", "'" + chatName + "' must match ^[a-zA-Z0-9_-]{1,128}$.");
        }
        if (names.containsKey(chatName)) {
            throw invalid(p + ".name", "tool names must be unique; '" + chatName + "' appears twice.");
        }
        String description = Fields.optString(t, "description", p + ".description");
        ObjectNode fn = Json.NODES.objectNode().put("name", chatName);
        if (kind == ToolNames.Kind.FUNCTION) {
            if (description != null) {
                fn.put("description", description);
            }
            JsonNode params = t.get("parameters");
            fn.set("parameters", absent(params) ? emptySchema() : object(params, p + ".parameters").deepCopy());
            Boolean strict = Fields.optBoolean(t, "strict", p + ".strict");
            if (strict != null) {
                fn.put("strict", strict);
            }
        } else {
            fn.put("description", customDescription(description, Fields.optObject(t, "format", p + ".format"),
                    p + ".format"));
            ObjectNode params = fn.putObject("parameters").put("type", "object");
            params.putObject("properties").putObject(CUSTOM_INPUT).put("type", "string")
                    .put("description", "The complete raw input text of the tool.");
            params.putArray("required").add(CUSTOM_INPUT);
            params.put("additionalProperties", false);
        }
        ObjectNode chat = Json.NODES.objectNode().put("type", "function");
        chat.set("function", fn);
        chatTools.put(chatName, chat);
        names.put(chatName, new ToolNames.Tool(chatName, kind, namespace, name));
    }

    private static String customDescription(String description, ObjectNode format, String p) {
        StringBuilder sb = new StringBuilder(description == null ? "" : description);
        if (!sb.isEmpty()) {
            sb.append("\n\n");
        }
        sb.append("This tool takes free-form text, not JSON: put the complete raw text in the `")
                .append(CUSTOM_INPUT).append("` string.");
        String type = format == null ? "text" : string(format, "type", p + ".type");
        switch (type) {
            case "text" -> {
            }
            case "grammar" -> {
                String syntax = Fields.optEnum(format, "syntax", p + ".syntax", List.of("lark", "regex"));
                String definition = string(format, "definition", p + ".definition");
                sb.append(" The text must match this ").append(syntax == null ? "lark" : syntax)
                        .append(syntax != null && syntax.equals("regex") ? " regular expression" : " grammar")
                        .append(":\n").append(definition);
            }
            default -> throw Fields.oneOf(p + ".type", type, List.of("text", "grammar"));
        }
        return sb.toString();
    }

    private static ObjectNode emptySchema() {
        ObjectNode s = Json.NODES.objectNode().put("type", "object");
        s.putObject("properties");
        return s;
    }

    private static JsonNode choice(JsonNode choice, Map<String, ToolNames.Tool> names,
                                   Map<String, ObjectNode> chatTools) {
        if (choice.isTextual()) {
            String c = choice.textValue();
            if (!List.of("auto", "none", "required").contains(c)) {
                throw Fields.oneOf("tool_choice", c, List.of("auto", "none", "required"));
            }
            return choice;
        }
        ObjectNode c = object(choice, "tool_choice");
        String type = string(c, "type", "tool_choice.type");
        switch (type) {
            case "function", "custom" -> {
                String chatName = named(c, type, "tool_choice", names);
                ObjectNode named = Json.NODES.objectNode().put("type", "function");
                named.putObject("function").put("name", chatName);
                return named;
            }
            case "allowed_tools" -> {
                String mode = Fields.optEnum(c, "mode", "tool_choice.mode", List.of("auto", "required"));
                JsonNode allowed = Fields.array(c.get("tools"), "tool_choice.tools");
                Set<String> keep = new LinkedHashSet<>();
                for (int i = 0; i < allowed.size(); i++) {
                    String p = "tool_choice.tools[" + i + "]";
                    ObjectNode a = object(allowed.get(i), p);
                    String at = string(a, "type", p + ".type");
                    if (at.equals("function") || at.equals("custom")) {
                        keep.add(named(a, at, p, names));
                    } else if (!DROPPED.contains(at)) {
                        throw unsupported(p + ".type", "The built-in tool '" + at + "'");
                    }
                }
                chatTools.keySet().retainAll(keep);
                return Json.NODES.textNode(mode == null ? "auto" : mode);
            }
            default -> throw unsupported("tool_choice.type", "A tool_choice forcing the built-in tool '" + type + "'");
        }
    }

    /** The chat name of a {type, name[, namespace]} reference to a declared tool of that kind. */
    private static String named(ObjectNode ref, String type, String p, Map<String, ToolNames.Tool> names) {
        String name = string(ref, "name", p + ".name");
        String namespace = Fields.optString(ref, "namespace", p + ".namespace");
        ToolNames.Kind kind = type.equals("custom") ? ToolNames.Kind.CUSTOM : ToolNames.Kind.FUNCTION;
        List<String> found = new ArrayList<>();
        for (ToolNames.Tool t : names.values()) {
            boolean sameName = namespace == null ? t.chatName().equals(name) || t.name().equals(name)
                    : name.equals(t.name()) && namespace.equals(t.namespace());
            if (sameName && t.kind() == kind) {
                found.add(t.chatName());
            }
        }
        if (found.size() != 1) {
            throw invalid(p + ".name", found.isEmpty() ? "no " + type + " tool named '" + name + "' in 'tools'."
                    : "'" + name + "' is ambiguous; name its namespace.");
        }
        return found.get(0);
    }
}
