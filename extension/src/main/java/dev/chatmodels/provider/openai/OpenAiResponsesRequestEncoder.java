package dev.chatmodels.provider.openai;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;

/**
 * Writes messages as Responses API input items: {@code system}/{@code user} messages (a string, or
 * {@code input_text}/{@code input_image}/{@code input_file} parts), an assistant turn as its reasoning items, its text
 * and one {@code function_call} item per tool call, and a tool result as a {@code function_call_output} item.
 */
final class OpenAiResponsesRequestEncoder {

    /** The reasoning block extra that holds a reasoning item's {@code encrypted_content}. */
    static final String ENCRYPTED_CONTENT = "encrypted_content";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenAiResponsesRequestEncoder() {
    }

    static ArrayNode encode(List<Message> messages) {
        ArrayNode input = NODES.arrayNode(messages.size());
        for (Message message : messages) {
            if (message instanceof AIMessage ai) {
                assistant(ai, input);
            } else if (message instanceof ToolMessage tool) {
                input.add(NODES.objectNode().put("type", "function_call_output").put("call_id", tool.toolCallId())
                        .put("output", tool.text()));
            } else {
                ObjectNode item = NODES.objectNode().put("role", message.role().wireName());
                item.set("content", content(message.content()));
                input.add(item);
            }
        }
        return input;
    }

    /** A single plain text block becomes a string, anything else a list of input parts. */
    private static JsonNode content(List<ContentBlock> blocks) {
        if (blocks.size() == 1 && blocks.get(0) instanceof TextBlock text && text.annotations().isEmpty()) {
            return NODES.textNode(text.text());
        }
        ArrayNode parts = NODES.arrayNode(blocks.size());
        for (ContentBlock block : blocks) {
            parts.add(part(block));
        }
        return parts;
    }

    private static JsonNode part(ContentBlock block) {
        if (block instanceof TextBlock text) {
            return NODES.objectNode().put("type", "input_text").put("text", text.text());
        }
        if (block instanceof DataBlock data) {
            return dataPart(data);
        }
        if (block instanceof NonStandardBlock other) {
            // A part the caller wrote in the Responses API's own form goes out as it is.
            return Jackson.MAPPER.valueToTree(other.value());
        }
        throw new IllegalArgumentException(
                "The OpenAI Responses API does not accept '" + block.type() + "' blocks in message content");
    }

    private static ObjectNode dataPart(DataBlock data) {
        return switch (data.kind()) {
            case IMAGE -> {
                ObjectNode image = NODES.objectNode().put("type", "input_image");
                if (data.fileId() != null) {
                    yield image.put("file_id", data.fileId());
                }
                yield image.put("image_url", data.url() != null ? data.url() : dataUrl(data.mimeType(), data.base64()));
            }
            case FILE -> {
                ObjectNode file = NODES.objectNode().put("type", "input_file");
                if (data.fileId() != null) {
                    yield file.put("file_id", data.fileId());
                }
                if (data.url() != null) {
                    yield file.put("file_url", data.url());
                }
                yield file.put("filename", data.filename() != null ? data.filename() : "document")
                        .put("file_data", dataUrl(data.mimeType(), data.base64()));
            }
            case AUDIO, VIDEO -> throw new IllegalArgumentException(
                    "The OpenAI Responses API does not accept " + data.kind().name().toLowerCase() + " input");
        };
    }

    private static String dataUrl(String mimeType, String base64) {
        return "data:" + mimeType + ";base64," + base64;
    }

    /**
     * Reasoning with the id OpenAI gave it goes back as a reasoning item (so multi-turn reasoning works, with its
     * encrypted content when the answer was not stored); text as an assistant message; each call as a
     * {@code function_call} item.
     */
    private static void assistant(AIMessage message, ArrayNode input) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = NODES.arrayNode();
        for (ContentBlock block : message.contentBlocks()) {
            if (block instanceof ReasoningBlock reasoning && reasoning.id() != null) {
                input.add(reasoning(reasoning));
            } else if (block instanceof TextBlock t) {
                text.append(t.text());
            } else if (block instanceof ToolCall call) {
                calls.add(functionCall(call.id(), call.name(), json(call.args())));
            } else if (block instanceof InvalidToolCall call) {
                calls.add(functionCall(call.id(), call.name(), call.args()));
            }
        }
        if (!text.isEmpty()) {
            input.add(NODES.objectNode().put("role", "assistant").put("content", text.toString()));
        }
        input.addAll(calls);
    }

    private static ObjectNode reasoning(ReasoningBlock reasoning) {
        ObjectNode item = NODES.objectNode().put("type", "reasoning").put("id", reasoning.id());
        ArrayNode summary = item.putArray("summary");
        if (!reasoning.reasoning().isEmpty()) {
            summary.addObject().put("type", "summary_text").put("text", reasoning.reasoning());
        }
        Object encrypted = reasoning.extras().get(ENCRYPTED_CONTENT);
        if (encrypted != null) {
            item.put(ENCRYPTED_CONTENT, encrypted.toString());
        }
        return item;
    }

    private static ObjectNode functionCall(String id, String name, String arguments) {
        return NODES.objectNode().put("type", "function_call").put("call_id", id).put("name", name)
                .put("arguments", arguments == null ? "" : arguments);
    }

    private static String json(Map<String, Object> value) {
        try {
            return Jackson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Tool-call arguments cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
