package dev.freeport.dialect.responses;

import java.util.Map;

/**
 * How the chat function names the back end sees map back to the caller's Responses tools. A plain function keeps
 * its name; a custom (freeform) tool becomes a function of the same name taking one string; a function inside a
 * {@code namespace} tool becomes {@code <namespace>__<name>} (chat has no namespaces). A name the caller never
 * declared (a model inventing one) reads as a plain function of that name.
 */
public record ToolNames(Map<String, Tool> byChatName) {
    /** Joins a namespace and a tool name into one chat function name. */
    public static final String NAMESPACE_SEPARATOR = "__";
    public static final ToolNames NONE = new ToolNames(Map.of());

    public enum Kind { FUNCTION, CUSTOM }

    /**
     * One callable tool.
     *
     * @param chatName  the function name on the chat side
     * @param kind      what the caller declared: a function, or a custom tool (its call becomes a custom_tool_call)
     * @param namespace the namespace it was declared in, or null
     * @param name      the name inside the namespace (= chatName without one)
     */
    public record Tool(String chatName, Kind kind, String namespace, String name) {
    }

    public ToolNames {
        byChatName = Map.copyOf(byChatName);
    }

    /** The tool a chat function name stands for (a plain function when unknown). */
    public Tool resolve(String chatName) {
        Tool t = chatName == null ? null : byChatName.get(chatName);
        return t != null ? t : new Tool(chatName == null ? "" : chatName, Kind.FUNCTION, null,
                chatName == null ? "" : chatName);
    }

    /** The chat function name of a (namespace, name) pair as it appears on Responses items. */
    public static String chatName(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + NAMESPACE_SEPARATOR + name;
    }
}
