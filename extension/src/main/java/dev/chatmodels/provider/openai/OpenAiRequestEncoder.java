package dev.chatmodels.provider.openai;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

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
import dev.chatmodels.message.content.PlainTextBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;

/**
 * Writes messages in the Chat Completions form: {@code system}, {@code user} (a string, or content parts for
 * multimodal input), {@code assistant} (text, refusal and {@code tool_calls}) and {@code tool} messages.
 */
final class OpenAiRequestEncoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenAiRequestEncoder() {
    }

    static ArrayNode encode(List<Message> messages) {
        ArrayNode array = NODES.arrayNode(messages.size());
        for (Message message : messages) {
            array.add(encode(message));
        }
        return array;
    }

    static ObjectNode encode(Message message) {
        ObjectNode node = NODES.objectNode();
        node.put("role", message.role().wireName());
        if (message instanceof AIMessage ai) {
            assistant(ai, node);
        } else if (message instanceof ToolMessage tool) {
            node.put("tool_call_id", tool.toolCallId());
            if (tool.name() != null) {
                node.put("name", tool.name());
            }
            node.set("content", content(tool.content()));
        } else {
            node.set("content", content(message.content()));
        }
        return node;
    }

    /** A single plain text block becomes a string, anything else a list of content parts. */
    private static JsonNode content(List<ContentBlock> blocks) {
        if (blocks.isEmpty()) {
            return NODES.textNode("");
        }
        if (blocks.size() == 1 && blocks.get(0) instanceof TextBlock text && text.annotations().isEmpty()) {
            return NODES.textNode(text.text());
        }
        ArrayNode parts = NODES.arrayNode(blocks.size());
        for (ContentBlock block : blocks) {
            parts.add(part(block));
        }
        return parts;
    }

    private static ObjectNode part(ContentBlock block) {
        if (block instanceof TextBlock text) {
            return NODES.objectNode().put("type", "text").put("text", text.text());
        }
        if (block instanceof DataBlock data) {
            return dataPart(data);
        }
        if (block instanceof PlainTextBlock plain) {
            String base64 = Base64.getEncoder().encodeToString(plain.text().getBytes(StandardCharsets.UTF_8));
            return filePart(plain.title() == null ? "document.txt" : plain.title(),
                    dataUrl(plain.mimeType() == null ? "text/plain" : plain.mimeType(), base64));
        }
        if (block instanceof NonStandardBlock other) {
            // A provider-specific part the caller wrote in OpenAI's own form goes out as it is.
            return Jackson.MAPPER.valueToTree(other.value());
        }
        throw new IllegalArgumentException(
                "OpenAI Chat Completions does not accept '" + block.type() + "' blocks in message content");
    }

    private static ObjectNode dataPart(DataBlock data) {
        if (data.fileId() != null) {
            ObjectNode file = NODES.objectNode().put("file_id", data.fileId());
            return NODES.objectNode().put("type", "file").set("file", file);
        }
        return switch (data.kind()) {
            case IMAGE -> {
                String url = data.url() != null ? data.url() : dataUrl(data.mimeType(), data.base64());
                yield NODES.objectNode().put("type", "image_url").set("image_url", NODES.objectNode().put("url", url));
            }
            case AUDIO -> {
                if (data.base64() == null) {
                    throw new IllegalArgumentException(
                            "OpenAI Chat Completions takes audio as base64 data only, not by URL: give the audio block base64 and mime_type");
                }
                ObjectNode audio = NODES.objectNode().put("data", data.base64()).put("format", audioFormat(data.mimeType()));
                yield NODES.objectNode().put("type", "input_audio").set("input_audio", audio);
            }
            case FILE -> {
                if (data.base64() == null) {
                    throw new IllegalArgumentException(
                            "OpenAI Chat Completions takes files as base64 data or a file_id, not by URL");
                }
                String filename = data.filename() != null ? data.filename() : "document." + subtype(data.mimeType());
                yield filePart(filename, dataUrl(data.mimeType(), data.base64()));
            }
            case VIDEO -> throw new IllegalArgumentException("OpenAI Chat Completions does not accept video input");
        };
    }

    private static ObjectNode filePart(String filename, String fileData) {
        ObjectNode file = NODES.objectNode().put("filename", filename).put("file_data", fileData);
        return NODES.objectNode().put("type", "file").set("file", file);
    }

    private static String dataUrl(String mimeType, String base64) {
        return "data:" + mimeType + ";base64," + base64;
    }

    /** OpenAI names the audio format, not the MIME type: {@code wav} or {@code mp3}. */
    private static String audioFormat(String mimeType) {
        String subtype = subtype(mimeType);
        return switch (subtype) {
            case "mpeg", "mp3" -> "mp3";
            case "wav", "x-wav", "wave", "vnd.wave" -> "wav";
            default -> subtype;
        };
    }

    private static String subtype(String mimeType) {
        int slash = mimeType.indexOf('/');
        String subtype = slash < 0 ? mimeType : mimeType.substring(slash + 1);
        int parameters = subtype.indexOf(';');
        return (parameters < 0 ? subtype : subtype.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Text blocks join into one string; reasoning stays out (Chat Completions takes none back, and DeepSeek rejects
     * it); a refusal goes back as {@code refusal}; tool calls, valid or not, as {@code tool_calls}.
     */
    private static void assistant(AIMessage message, ObjectNode node) {
        StringBuilder text = new StringBuilder();
        String refusal = null;
        ArrayNode toolCalls = NODES.arrayNode();
        for (ContentBlock block : message.contentBlocks()) {
            if (block instanceof TextBlock t) {
                text.append(t.text());
            } else if (block instanceof ToolCall call) {
                toolCalls.add(toolCall(call.id(), call.name(), json(call.args())));
            } else if (block instanceof InvalidToolCall call) {
                toolCalls.add(toolCall(call.id(), call.name(), call.args()));
            } else if (block instanceof NonStandardBlock other && OpenAiResponseDecoder.isRefusal(other)) {
                refusal = String.valueOf(other.value().get("refusal"));
            }
        }
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            node.putNull("content");
        } else {
            node.put("content", text.toString());
        }
        if (refusal != null) {
            node.put("refusal", refusal);
        }
        if (!toolCalls.isEmpty()) {
            node.set("tool_calls", toolCalls);
        }
    }

    private static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode function = NODES.objectNode().put("name", name).put("arguments", arguments == null ? "" : arguments);
        return NODES.objectNode().put("id", id).put("type", "function").set("function", function);
    }

    private static String json(Object value) {
        try {
            return Jackson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Tool-call arguments cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
