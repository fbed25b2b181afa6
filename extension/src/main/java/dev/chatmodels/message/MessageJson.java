package dev.chatmodels.message;

import java.io.IOException;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.json.PartialJson;
import dev.chatmodels.message.content.CacheControl;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.PlainTextBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.usage.UsageMetadata;

/**
 * The dictionary form of messages, read and written as Jackson trees.
 * <p>
 * Reads {@code {"role": ..., "content": ...}} objects (roles {@code system}, {@code developer}, {@code user},
 * {@code human}, {@code assistant}, {@code ai}, {@code tool}), {@code [role, content]} pairs and bare strings (a
 * human message). Content is a string or a list of standard content blocks and OpenAI chat-completions content parts
 * ({@code image_url}, {@code input_audio}, {@code file}). Assistant {@code tool_calls} may be in LangChain form
 * ({@code {"id", "name", "args": {...}}}) or OpenAI form ({@code {"id", "function": {"name", "arguments"}}}).
 * <p>
 * Writes the standard form: OpenAI role names, content as a string when it is one plain text block and as a list of
 * standard blocks otherwise, tool calls in LangChain form, {@code usage_metadata} and {@code response_metadata}.
 * Reading what was written gives an equal message.
 */
public final class MessageJson {

    private static final String ACCEPTED_BLOCK_TYPES = "text, reasoning, image, audio, video, file, document, text-plain, "
            + "tool_call, tool_call_chunk, invalid_tool_call, server_tool_call, server_tool_call_chunk, "
            + "server_tool_result, non_standard, the OpenAI parts image_url, input_audio and file, or Anthropic's image and"
            + " document blocks with a source";
    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+)(?:;[^;,]+)*;base64,(.*)", Pattern.DOTALL);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private MessageJson() {
    }

    /**
     * Reads one message: a {@code {"role", "content", ...}} object, a {@code [role, content]} pair, or a string (a
     * human message).
     *
     * @throws IllegalArgumentException when the role, a block type or a field is not one this library knows
     */
    public static Message fromJson(JsonNode json) {
        if (json != null && json.isTextual()) {
            return HumanMessage.of(json.textValue());
        }
        if (json != null && json.isArray()) {
            if (json.size() != 2 || !json.get(0).isTextual()) {
                throw new IllegalArgumentException(
                        "A message given as an array must be a [role, content] pair, got " + json);
            }
            return message(Role.fromName(json.get(0).textValue()), json.get(1), Jackson.MAPPER.createObjectNode());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("A message must be a {\"role\": ..., \"content\": ...} object, a "
                    + "[role, content] pair or a string, got " + json);
        }
        String role = text(json, "role");
        if (role == null) {
            throw new IllegalArgumentException(
                    "A message needs a role: one of system, developer, user, human, assistant, ai, tool; got " + json);
        }
        return message(Role.fromName(role), json.get("content"), json);
    }

    /** Reads a JSON array of messages, each in any form {@link #fromJson} accepts. */
    public static List<Message> listFromJson(JsonNode json) {
        if (json == null || !json.isArray()) {
            throw new IllegalArgumentException("Messages must be a JSON array, got " + json);
        }
        List<Message> messages = new ArrayList<>(json.size());
        json.forEach(message -> messages.add(fromJson(message)));
        return messages;
    }

    /**
     * Reads a list whose elements are {@link Message}s or messages in any form {@link #fromJson} accepts, given as Java
     * values ({@code Map}, {@code List} pair, {@code String}) or Jackson nodes. A list of messages is returned as it is.
     *
     * @throws IllegalArgumentException naming the position of an element that is not a message
     */
    @SuppressWarnings("unchecked")
    public static List<Message> listFrom(List<?> input) {
        boolean allMessages = true;
        for (Object element : input) {
            allMessages &= element instanceof Message;
        }
        if (allMessages) {
            return (List<Message>) input;
        }
        List<Message> messages = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            Object element = input.get(i);
            try {
                messages.add(element instanceof Message message ? message
                        : fromJson(element instanceof JsonNode node ? node : Jackson.MAPPER.valueToTree(element)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Message " + i + ": " + e.getMessage(), e);
            }
        }
        return messages;
    }

    /** Writes a message in the standard dictionary form. */
    public static ObjectNode toJson(Message message) {
        ObjectNode json = Jackson.MAPPER.createObjectNode().put("role", message.role().wireName());
        json.set("content", contentToJson(message.content()));
        putIfPresent(json, "id", message.id());
        if (message instanceof AIMessage ai) {
            if (!ai.toolCalls().isEmpty()) {
                json.set("tool_calls", blocksToJson(ai.toolCalls()));
            }
            if (!ai.invalidToolCalls().isEmpty()) {
                json.set("invalid_tool_calls", blocksToJson(ai.invalidToolCalls()));
            }
            if (ai.usage() != null) {
                json.set("usage_metadata", usageToJson(ai.usage()));
            }
            if (!ai.responseMetadata().isEmpty()) {
                json.set("response_metadata", Jackson.MAPPER.valueToTree(ai.responseMetadata()));
            }
        } else if (message instanceof ToolMessage tool) {
            json.put("tool_call_id", tool.toolCallId());
            putIfPresent(json, "name", tool.name());
            if (tool.status() == ToolMessage.Status.ERROR) {
                json.put("status", "error");
            }
        }
        return json;
    }

    /** Writes messages as a JSON array in the standard dictionary form. */
    public static ArrayNode listToJson(List<? extends Message> messages) {
        ArrayNode json = Jackson.MAPPER.createArrayNode();
        messages.forEach(message -> json.add(toJson(message)));
        return json;
    }

    /** Reads message content: a string, a list of blocks and strings, or {@code null} (no content). */
    public static List<ContentBlock> contentFromJson(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return List.of();
        }
        if (content.isTextual()) {
            return Message.textContent(content.textValue());
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException("Message content must be a string or a list of content blocks, got "
                    + content);
        }
        List<ContentBlock> blocks = new ArrayList<>(content.size());
        content.forEach(part -> blocks.add(part.isTextual() ? TextBlock.of(part.textValue()) : blockFromJson(part)));
        return blocks;
    }

    /** Writes content: a plain string when it is a single plain text block (or nothing), else a list of blocks. */
    public static JsonNode contentToJson(List<? extends ContentBlock> content) {
        if (content.isEmpty()) {
            return TextNode.valueOf("");
        }
        if (content.size() == 1 && content.get(0) instanceof TextBlock text && text.annotations().isEmpty()
                && text.index() == null && text.id() == null && text.extras().isEmpty()) {
            return TextNode.valueOf(text.text());
        }
        return blocksToJson(content);
    }

    /**
     * A block's provider fields: its {@code extras}, and a {@code cache_control} given beside the standard fields (as
     * Anthropic-style dictionaries carry it), which would otherwise be lost.
     */
    private static Map<String, Object> extras(JsonNode block) {
        Map<String, Object> extras = new LinkedHashMap<>(object(block, "extras"));
        if (block.hasNonNull(CacheControl.KEY)) {
            extras.put(CacheControl.KEY, Jackson.MAPPER.convertValue(block.get(CacheControl.KEY), Object.class));
        }
        return extras;
    }

    private static void putExtras(ObjectNode json, Map<String, Object> extras) {
        if (!extras.isEmpty()) {
            json.set("extras", Jackson.MAPPER.valueToTree(extras));
        }
    }

    /** Reads one content block: a standard block or an OpenAI chat-completions content part. */
    public static ContentBlock blockFromJson(JsonNode block) {
        String type = block.isObject() ? text(block, "type") : null;
        if (type == null) {
            throw new IllegalArgumentException(
                    "A content block must be an object with a type (" + ACCEPTED_BLOCK_TYPES + "), got " + block);
        }
        return switch (type) {
            case "text" -> new TextBlock(text(block, "text"), annotations(block), integer(block, "index"),
                    text(block, "id"), extras(block));
            case "reasoning" -> new ReasoningBlock(text(block, "reasoning"), object(block, "extras"),
                    integer(block, "index"), text(block, "id"));
            case "image", "audio", "video" -> block.has("source") ? sourced(DataBlock.Kind.fromType(type), block)
                    : dataBlock(DataBlock.Kind.fromType(type), block);
            case "document" -> sourced(DataBlock.Kind.FILE, block);
            case "file" -> block.has("file") ? openAiFile(block.get("file")) : dataBlock(DataBlock.Kind.FILE, block);
            case "image_url" -> openAiImage(block.get("image_url"));
            case "input_audio" -> openAiAudio(block.path("input_audio"));
            case "text-plain" -> new PlainTextBlock(text(block, "text"), text(block, "mime_type"), text(block, "title"),
                    text(block, "id"));
            case "tool_call" -> new ToolCall(text(block, "id"), text(block, "name"), object(block, "args"));
            case "tool_call_chunk" -> new ToolCallChunk(text(block, "id"), text(block, "name"), text(block, "args"),
                    integer(block, "index"));
            case "invalid_tool_call" -> invalidToolCall(block);
            case "server_tool_call" -> new ServerToolCall(text(block, "id"), text(block, "name"), object(block, "args"));
            case "server_tool_call_chunk" -> new ServerToolCallChunk(text(block, "id"), text(block, "name"),
                    text(block, "args"), integer(block, "index"));
            case "server_tool_result" -> new ServerToolResult(text(block, "tool_call_id"), serverToolStatus(block),
                    block.hasNonNull("output") ? Jackson.MAPPER.convertValue(block.get("output"), Object.class) : null,
                    integer(block, "index"), text(block, "id"));
            case "non_standard" -> new NonStandardBlock(object(block, "value"), integer(block, "index"));
            default -> throw new IllegalArgumentException(
                    "Unknown content block type '" + type + "': use one of " + ACCEPTED_BLOCK_TYPES);
        };
    }

    /** Writes one content block in its standard form. */
    public static ObjectNode blockToJson(ContentBlock block) {
        ObjectNode json = Jackson.MAPPER.createObjectNode().put("type", block.type());
        if (block instanceof TextBlock text) {
            json.put("text", text.text());
            if (!text.annotations().isEmpty()) {
                json.set("annotations", Jackson.MAPPER.valueToTree(text.annotations()));
            }
            putIfPresent(json, "id", text.id());
            putExtras(json, text.extras());
        } else if (block instanceof ReasoningBlock reasoning) {
            json.put("reasoning", reasoning.reasoning());
            if (!reasoning.extras().isEmpty()) {
                json.set("extras", Jackson.MAPPER.valueToTree(reasoning.extras()));
            }
            putIfPresent(json, "id", reasoning.id());
        } else if (block instanceof DataBlock data) {
            putIfPresent(json, "url", data.url());
            putIfPresent(json, "base64", data.base64());
            putIfPresent(json, "mime_type", data.mimeType());
            putIfPresent(json, "file_id", data.fileId());
            putIfPresent(json, "filename", data.filename());
            putIfPresent(json, "id", data.id());
            putExtras(json, data.extras());
        } else if (block instanceof PlainTextBlock plain) {
            putIfPresent(json, "text", plain.text());
            putIfPresent(json, "mime_type", plain.mimeType());
            putIfPresent(json, "title", plain.title());
            putIfPresent(json, "id", plain.id());
        } else if (block instanceof ToolCall call) {
            putIfPresent(json, "id", call.id());
            putIfPresent(json, "name", call.name());
            json.set("args", Jackson.MAPPER.valueToTree(call.args()));
        } else if (block instanceof ToolCallChunk chunk) {
            putIfPresent(json, "id", chunk.id());
            putIfPresent(json, "name", chunk.name());
            putIfPresent(json, "args", chunk.args());
        } else if (block instanceof InvalidToolCall call) {
            putIfPresent(json, "id", call.id());
            putIfPresent(json, "name", call.name());
            putIfPresent(json, "args", call.args());
            putIfPresent(json, "error", call.error());
        } else if (block instanceof ServerToolCall call) {
            putIfPresent(json, "id", call.id());
            putIfPresent(json, "name", call.name());
            json.set("args", Jackson.MAPPER.valueToTree(call.args()));
        } else if (block instanceof ServerToolCallChunk chunk) {
            putIfPresent(json, "id", chunk.id());
            putIfPresent(json, "name", chunk.name());
            putIfPresent(json, "args", chunk.args());
        } else if (block instanceof ServerToolResult result) {
            putIfPresent(json, "tool_call_id", result.toolCallId());
            if (result.status() != null) {
                json.put("status", result.status().name().toLowerCase(Locale.ROOT));
            }
            if (result.output() != null) {
                json.set("output", Jackson.MAPPER.valueToTree(result.output()));
            }
            putIfPresent(json, "id", result.id());
        } else if (block instanceof NonStandardBlock nonStandard) {
            json.set("value", Jackson.MAPPER.valueToTree(nonStandard.value()));
        }
        if (block.index() != null) {
            json.put("index", block.index());
        }
        return json;
    }

    private static Message message(Role role, JsonNode content, JsonNode fields) {
        List<ContentBlock> blocks = contentFromJson(content);
        String id = text(fields, "id");
        return switch (role) {
            case SYSTEM -> new SystemMessage(blocks, id);
            case HUMAN -> new HumanMessage(blocks, id);
            case AI -> aiMessage(blocks, fields, id);
            case TOOL -> new ToolMessage(blocks, text(fields, "tool_call_id"), toolStatus(text(fields, "status")),
                    text(fields, "name"), id);
        };
    }

    private static AIMessage aiMessage(List<ContentBlock> content, JsonNode fields, String id) {
        List<ToolCall> toolCalls = new ArrayList<>();
        List<InvalidToolCall> invalid = new ArrayList<>();
        for (JsonNode call : fields.path("tool_calls")) {
            // OpenAI form: {"id", "type": "function", "function": {"name", "arguments": "<JSON text>"}}
            JsonNode function = call.get("function");
            JsonNode source = function == null ? call : function;
            String argsField = function == null ? "args" : "arguments";
            JsonNode args = source.path(argsField);
            if (args.isTextual()) {
                PartialJson.ObjectResult parsed = PartialJson.parseCompleteObject(args.textValue());
                if (parsed.value() == null) {
                    invalid.add(new InvalidToolCall(text(call, "id"), text(source, "name"), args.textValue(),
                            parsed.error()));
                } else {
                    toolCalls.add(new ToolCall(text(call, "id"), text(source, "name"), parsed.value()));
                }
            } else {
                toolCalls.add(new ToolCall(text(call, "id"), text(source, "name"), object(source, argsField)));
            }
        }
        fields.path("invalid_tool_calls").forEach(call -> invalid.add(invalidToolCall(call)));
        Map<String, Object> metadata = object(fields, "response_metadata");
        return new AIMessage(content, toolCalls, invalid, usageFromJson(fields.get("usage_metadata")), metadata, id);
    }

    private static InvalidToolCall invalidToolCall(JsonNode call) {
        JsonNode args = call.get("args");
        String raw = args == null || args.isNull() ? null : args.isTextual() ? args.textValue() : args.toString();
        return new InvalidToolCall(text(call, "id"), text(call, "name"), raw, text(call, "error"));
    }

    private static DataBlock dataBlock(DataBlock.Kind kind, JsonNode block) {
        return new DataBlock(kind, text(block, "url"), text(block, "base64"), text(block, "mime_type"),
                text(block, "file_id"), text(block, "id"), text(block, "filename"), extras(block));
    }

    /**
     * Anthropic's native form, {@code {"type": "image" | "document", "source": {...}}}: a {@code base64} source with
     * its {@code media_type}, a {@code url}, a {@code file} id, or (documents) {@code text}.
     */
    private static ContentBlock sourced(DataBlock.Kind kind, JsonNode block) {
        JsonNode source = block.path("source");
        String sourceType = text(source, "type");
        if (sourceType == null) {
            throw new IllegalArgumentException("A " + text(block, "type")
                    + " block needs a source: {\"type\": \"base64\" | \"url\" | \"file\" | \"text\", ...}; got " + block);
        }
        return switch (sourceType) {
            case "base64" -> new DataBlock(kind, null, text(source, "data"), text(source, "media_type"), null,
                    text(block, "id"), text(block, "title"), extras(block));
            case "url" -> new DataBlock(kind, text(source, "url"), null, null, null, text(block, "id"),
                    text(block, "title"), extras(block));
            case "file" -> new DataBlock(kind, null, null, null, text(source, "file_id"), text(block, "id"),
                    text(block, "title"), extras(block));
            case "text" -> new PlainTextBlock(text(source, "data"), text(source, "media_type"), text(block, "title"),
                    text(block, "id"));
            default -> throw new IllegalArgumentException("Unknown source type '" + sourceType + "' of a "
                    + text(block, "type") + " block: use base64, url, file or text");
        };
    }

    /** {@code {"type": "image_url", "image_url": {"url": "https://..." or "data:image/png;base64,..."}}} */
    private static DataBlock openAiImage(JsonNode imageUrl) {
        String url = imageUrl == null ? null : imageUrl.isTextual() ? imageUrl.textValue() : text(imageUrl, "url");
        if (url == null) {
            throw new IllegalArgumentException("An image_url part needs image_url.url (an https or data: URL)");
        }
        Matcher data = DATA_URL.matcher(url);
        return data.matches() ? DataBlock.base64(DataBlock.Kind.IMAGE, data.group(2), data.group(1))
                : DataBlock.imageUrl(url);
    }

    /** {@code {"type": "input_audio", "input_audio": {"data": "<base64>", "format": "wav"}}} */
    private static DataBlock openAiAudio(JsonNode audio) {
        String format = text(audio, "format");
        return new DataBlock(DataBlock.Kind.AUDIO, null, text(audio, "data"), format == null ? null : "audio/" + format,
                null, null, null);
    }

    /** {@code {"type": "file", "file": {"file_data": "data:application/pdf;base64,...", "file_id", "filename"}}} */
    private static DataBlock openAiFile(JsonNode file) {
        String filename = text(file, "filename");
        String data = text(file, "file_data");
        String mimeType = filename == null ? null : URLConnection.guessContentTypeFromName(filename);
        if (data != null) {
            Matcher dataUrl = DATA_URL.matcher(data);
            if (dataUrl.matches()) {
                mimeType = dataUrl.group(1);
                data = dataUrl.group(2);
            }
        }
        return new DataBlock(DataBlock.Kind.FILE, null, data, mimeType, text(file, "file_id"), null, filename);
    }

    private static ToolMessage.Status toolStatus(String status) {
        if (status == null || status.equalsIgnoreCase("success")) {
            return ToolMessage.Status.SUCCESS;
        }
        if (status.equalsIgnoreCase("error")) {
            return ToolMessage.Status.ERROR;
        }
        throw new IllegalArgumentException("Unknown tool message status '" + status + "': use success or error");
    }

    private static ServerToolResult.Status serverToolStatus(JsonNode block) {
        String status = text(block, "status");
        if (status == null) {
            return null;
        }
        if (status.equalsIgnoreCase("success")) {
            return ServerToolResult.Status.SUCCESS;
        }
        if (status.equalsIgnoreCase("error")) {
            return ServerToolResult.Status.ERROR;
        }
        throw new IllegalArgumentException("Unknown server_tool_result status '" + status + "': use success or error");
    }

    private static UsageMetadata usageFromJson(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long input = usage.path("input_tokens").asLong();
        long output = usage.path("output_tokens").asLong();
        JsonNode in = usage.get("input_token_details");
        JsonNode out = usage.get("output_token_details");
        return new UsageMetadata(input, output, usage.path("total_tokens").asLong(input + output),
                in == null || !in.isObject() ? null
                        : new UsageMetadata.InputTokenDetails(number(in, "audio"), number(in, "cache_creation"),
                                number(in, "cache_read")),
                out == null || !out.isObject() ? null
                        : new UsageMetadata.OutputTokenDetails(number(out, "audio"), number(out, "reasoning")));
    }

    private static ObjectNode usageToJson(UsageMetadata usage) {
        ObjectNode json = Jackson.MAPPER.createObjectNode()
                .put("input_tokens", usage.inputTokens())
                .put("output_tokens", usage.outputTokens())
                .put("total_tokens", usage.totalTokens());
        UsageMetadata.InputTokenDetails in = usage.inputTokenDetails();
        if (in != null) {
            ObjectNode details = json.putObject("input_token_details");
            putIfPresent(details, "audio", in.audio());
            putIfPresent(details, "cache_creation", in.cacheCreation());
            putIfPresent(details, "cache_read", in.cacheRead());
        }
        UsageMetadata.OutputTokenDetails out = usage.outputTokenDetails();
        if (out != null) {
            ObjectNode details = json.putObject("output_token_details");
            putIfPresent(details, "audio", out.audio());
            putIfPresent(details, "reasoning", out.reasoning());
        }
        return json;
    }

    private static ArrayNode blocksToJson(List<? extends ContentBlock> blocks) {
        ArrayNode json = Jackson.MAPPER.createArrayNode();
        blocks.forEach(block -> json.add(blockToJson(block)));
        return json;
    }

    private static List<Map<String, Object>> annotations(JsonNode block) {
        List<Map<String, Object>> annotations = new ArrayList<>();
        block.path("annotations").forEach(annotation -> annotations.add(Jackson.MAPPER.convertValue(annotation, MAP)));
        return annotations;
    }

    /** The object in {@code field} as a map, empty when absent. */
    private static Map<String, Object> object(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("'" + field + "' must be a JSON object, got " + value);
        }
        return Jackson.MAPPER.convertValue(value, MAP);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.canConvertToInt() && value.isIntegralNumber() ? value.intValue() : null;
    }

    private static Long number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void putIfPresent(ObjectNode json, String field, Long value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    /** Lets Jackson read {@link Message} (and lists of it) in every form {@link #fromJson} accepts. */
    public static final class Deserializer extends JsonDeserializer<Message> {
        @Override
        public Message deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode json = context.readTree(parser);
            try {
                return fromJson(json);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, e.getMessage(), e);
            }
        }
    }

    /** Lets Jackson write {@link Message} in the standard dictionary form. */
    public static final class Serializer extends JsonSerializer<Message> {
        @Override
        public void serialize(Message message, JsonGenerator generator, SerializerProvider serializers)
                throws IOException {
            generator.writeTree(toJson(message));
        }
    }
}
