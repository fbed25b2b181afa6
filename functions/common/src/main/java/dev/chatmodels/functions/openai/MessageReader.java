package dev.chatmodels.functions.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.PartialJson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;

/**
 * Reads one message of a Chat Completions request: system and developer, user (text, images, audio, files), assistant
 * (text and tool calls) and tool messages.
 */
final class MessageReader {

    private static final String ROLES = "Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.";
    private static final Set<String> TEXT_PARTS = Set.of("text");
    private static final Set<String> ASSISTANT_PARTS = Set.of("text", "refusal");
    private static final Set<String> USER_PARTS = Set.of("text", "image_url", "input_audio", "file");

    private MessageReader() {
    }

    static Message read(JsonNode node, String path) {
        JsonObjectReader message = JsonObjectReader.of(node, path);
        String role = message.requiredString("role");
        return switch (role) {
            case "system", "developer" -> new SystemMessage(content(message, TEXT_PARTS, true), null);
            case "user" -> new HumanMessage(content(message, USER_PARTS, true), null);
            case "assistant" -> assistant(message);
            case "tool" -> new ToolMessage(content(message, TEXT_PARTS, true), message.requiredString("tool_call_id"),
                    ToolMessage.Status.SUCCESS, null, null);
            default -> throw JsonObjectReader.invalidValue(message.param("role"), role, ROLES);
        };
    }

    private static AIMessage assistant(JsonObjectReader message) {
        List<JsonObjectReader> calls = message.optionalArray("tool_calls", JsonObjectReader::of);
        if (!message.has("content") && calls.isEmpty()) {
            throw message.missing("content");
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        List<InvalidToolCall> invalid = new ArrayList<>();
        for (JsonObjectReader call : calls) {
            String type = call.optionalString("type").orElse("function");
            if (!type.equals("function")) {
                throw JsonObjectReader.invalidValue(call.param("type"), type, "Supported values are: 'function'.");
            }
            JsonObjectReader function = call.requiredObject("function");
            String id = call.requiredString("id");
            String name = function.requiredString("name");
            String arguments = function.optionalString("arguments").orElse("");
            // A model's earlier malformed arguments are history, not an input error: they go back as they were.
            PartialJson.ObjectResult args = PartialJson.parseCompleteObject(arguments);
            if (args.value() != null) {
                toolCalls.add(new ToolCall(id, name, args.value()));
            } else {
                invalid.add(new InvalidToolCall(id, name, arguments, args.error()));
            }
        }
        List<ContentBlock> content = message.has("content") ? content(message, ASSISTANT_PARTS, false) : List.of();
        return new AIMessage(content, toolCalls, invalid, null, Map.of(), null);
    }

    /** The {@code content} field: a string, or an array of the allowed part types. */
    private static List<ContentBlock> content(JsonObjectReader message, Set<String> allowedParts, boolean required) {
        JsonNode content = message.value("content");
        String param = message.param("content");
        if (content == null) {
            if (required) {
                throw message.missing("content");
            }
            return List.of();
        }
        if (content.isTextual()) {
            return Message.textContent(content.textValue());
        }
        if (!content.isArray()) {
            throw JsonObjectReader.wrongType(param, "a string or an array of content parts", content);
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            blocks.add(part(JsonObjectReader.of(content.get(i), param + "[" + i + "]"), allowedParts));
        }
        return blocks;
    }

    private static ContentBlock part(JsonObjectReader part, Set<String> allowed) {
        String type = part.requiredString("type");
        if (!allowed.contains(type)) {
            throw JsonObjectReader.invalidValue(part.param("type"), type,
                    "Supported content part types here are: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return switch (type) {
            case "text" -> TextBlock.of(part.requiredString("text"));
            case "refusal" -> TextBlock.of(part.requiredString("refusal"));
            case "image_url" -> image(part);
            case "input_audio" -> audio(part.requiredObject("input_audio"));
            default -> file(part.requiredObject("file"));
        };
    }

    private static DataBlock image(JsonObjectReader part) {
        // OpenAI takes {"image_url": {"url": ...}}; some clients send the URL string directly.
        JsonNode value = part.value("image_url");
        String url = value != null && value.isTextual() ? value.textValue()
                : part.requiredObject("image_url").requiredString("url");
        String param = part.param("image_url");
        return url.startsWith("data:") ? dataUrl(DataBlock.Kind.IMAGE, url, param) : DataBlock.imageUrl(url);
    }

    private static DataBlock audio(JsonObjectReader audio) {
        String data = audio.requiredString("data");
        String format = audio.requiredString("format").toLowerCase(Locale.ROOT);
        return DataBlock.base64(DataBlock.Kind.AUDIO, data, "audio/" + format);
    }

    private static DataBlock file(JsonObjectReader file) {
        String fileData = file.optionalString("file_data").orElse(null);
        if (fileData != null) {
            return dataUrl(DataBlock.Kind.FILE, fileData, file.param("file_data"));
        }
        String fileId = file.optionalString("file_id")
                .orElseThrow(() -> ApiError.invalidRequest(file.path(), "missing_required_parameter",
                        "A file content part needs 'file_data' (a data URL) or 'file_id'.").exception());
        return new DataBlock(DataBlock.Kind.FILE, null, null, null, fileId, null);
    }

    /** Reads {@code data:<mime type>;base64,<data>}. */
    private static DataBlock dataUrl(DataBlock.Kind kind, String url, String param) {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring("data:".length(), comma);
        if (!url.startsWith("data:") || !header.endsWith(";base64") || header.length() == ";base64".length()) {
            throw ApiError.invalidRequest(param, "invalid_data_url",
                    "Invalid data URL in '" + param + "': use data:<mime type>;base64,<data>.").exception();
        }
        return DataBlock.base64(kind, url.substring(comma + 1), header.substring(0, header.length() - ";base64".length()));
    }
}
