package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The output items of a streamed response while they are built: what each one holds so far. */
final class StreamItems {
    private StreamItems() {
    }

    /** One output item, at a fixed output_index, until its output_item.done. */
    abstract static class Item {
        final int outputIndex;
        final String id;
        boolean done;

        Item(int outputIndex, String id) {
            this.outputIndex = outputIndex;
            this.id = id;
        }

        /** The item as it stands, with the given status. */
        abstract ObjectNode snapshot(String status);
    }

    /** An assistant message: output_text and refusal parts, in order; the last one may still be open. */
    static final class Message extends Item {
        final List<Part> parts = new ArrayList<>();

        Message(int outputIndex, String id) {
            super(outputIndex, id);
        }

        /** The open part, or null. */
        Part open() {
            Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
            return last == null || last.done ? null : last;
        }

        @Override
        ObjectNode snapshot(String status) {
            ObjectNode item = OutputItems.emptyMessage(id).put("status", status);
            for (Part p : parts) {
                item.withArray("content").add(p.json());
            }
            return item;
        }
    }

    /** One content part of a message. */
    static final class Part {
        final boolean refusal;
        final StringBuilder text = new StringBuilder();
        boolean done;

        Part(boolean refusal) {
            this.refusal = refusal;
        }

        ObjectNode json() {
            return refusal ? OutputItems.refusalPart(text.toString()) : OutputItems.textPart(text.toString());
        }
    }

    /** A reasoning item with one reasoning_text part. */
    static final class Reasoning extends Item {
        final StringBuilder text = new StringBuilder();
        /** set once content_part.added announced the part: before that the item has no content */
        boolean partAdded;

        Reasoning(int outputIndex, String id) {
            super(outputIndex, id);
        }

        @Override
        ObjectNode snapshot(String status) {
            return OutputItems.reasoning(id, partAdded ? text.toString() : null, status);
        }
    }

    /** A function_call or custom_tool_call item fed by one chat tool call's fragments. */
    static final class Call extends Item {
        final String callId;
        ToolNames.Tool tool;
        final StringBuilder arguments = new StringBuilder();
        /** set for a custom tool: its raw input, streamed out of the JSON arguments */
        final CustomInputStream custom;

        Call(int outputIndex, String id, String callId, ToolNames.Tool tool) {
            super(outputIndex, id);
            this.callId = callId;
            this.tool = tool;
            this.custom = tool.kind() == ToolNames.Kind.CUSTOM ? new CustomInputStream() : null;
        }

        @Override
        ObjectNode snapshot(String status) {
            return OutputItems.call(id, callId, tool, arguments.toString(), status);
        }
    }
}
