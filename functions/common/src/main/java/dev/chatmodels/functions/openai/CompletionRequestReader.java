package dev.chatmodels.functions.openai;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.Message;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/**
 * Reads and checks a Chat Completions request body. Anything wrong is an {@link ApiException} with a 400 error naming
 * the parameter and what to send instead. Fields this API does not use (e.g. {@code user}, {@code metadata},
 * {@code seed}) are ignored, as OpenAI-compatible servers commonly do.
 */
public final class CompletionRequestReader {

    /** OpenAI's rule for tool and schema names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final int maxMessages;

    /** @param maxMessages the most messages a request may have */
    public CompletionRequestReader(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    /** Reads a request body as it came over HTTP. */
    public CompletionRequest read(byte[] body) {
        JsonNode json = parse(body, "request body");
        if (json.isMissingNode()) {
            throw ApiError.invalidRequest(null, "invalid_json",
                    "The request body is empty: send a JSON object with 'model' and 'messages'.").exception();
        }
        return read(json);
    }

    /**
     * Parses a JSON text as it came over HTTP (a missing node when there is none). It must be UTF-8 (RFC 8259), checked
     * strictly: an overlong or otherwise invalid sequence is an error, never decoded into a character it could smuggle
     * past a check.
     *
     * @param what names the text in errors, e.g. {@code request body}
     */
    public static JsonNode parse(byte[] body, String what) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.invalidRequest(null, "invalid_json",
                    "The " + what + " is not valid UTF-8: send JSON encoded as UTF-8.").exception();
        }
        try {
            JsonNode json = Jackson.MAPPER.readTree(text);
            return json == null ? MissingNode.getInstance() : json;
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest(null, "invalid_json", "The " + what + " is not valid JSON ("
                    + e.getOriginalMessage() + location(e) + "): send a JSON object.").exception();
        }
    }

    /** Reads a request body already parsed, e.g. the data of a CloudEvent. */
    public CompletionRequest read(JsonNode body) {
        if (!body.isObject()) {
            throw JsonObjectReader.wrongType("body", "a JSON object", body);
        }
        JsonObjectReader request = JsonObjectReader.of(body, "");
        rejectLegacyFunctions(request);
        String model = request.requiredString("model");
        if (model.isBlank()) {
            throw ApiError.invalidRequest("model", "invalid_value", "'model' is empty: name a configured model.")
                    .exception();
        }
        List<Message> messages = messages(request);
        int choices = request.optionalInteger("n", 1).orElse(1);
        if (choices != 1) {
            throw ApiError.invalidRequest("n", "invalid_value",
                    "Invalid 'n': " + choices + ". This API answers with exactly one choice: send n=1 or leave it out.")
                    .exception();
        }
        List<ToolSpecification> tools = request.optionalArray("tools", CompletionRequestReader::tool);
        checkUniqueNames(tools);
        boolean stream = request.optionalBoolean("stream").orElse(false);
        boolean includeUsage = request.optionalObject("stream_options")
                .flatMap(options -> options.optionalBoolean("include_usage")).orElse(false);
        return new CompletionRequest(model, messages, sampling(request), tools, toolChoice(request, tools),
                request.optionalBoolean("parallel_tool_calls").orElse(null), responseFormat(request), stream,
                includeUsage);
    }

    private List<Message> messages(JsonObjectReader request) {
        JsonNode value = request.value("messages");
        if (value == null) {
            throw request.missing("messages");
        }
        if (!value.isArray()) {
            throw JsonObjectReader.wrongType("messages", "an array", value);
        }
        if (value.isEmpty()) {
            throw ApiError.invalidRequest("messages", "empty_array",
                    "'messages' is empty: send at least one message, e.g. {\"role\": \"user\", \"content\": \"Hello\"}.")
                    .exception();
        }
        if (value.size() > maxMessages) {
            throw ApiError.invalidRequest("messages", "too_many_messages", "'messages' has " + value.size()
                    + " messages; this API accepts at most " + maxMessages + " per request.").exception();
        }
        return request.optionalArray("messages", MessageReader::read);
    }

    private static SamplingSettings sampling(JsonObjectReader request) {
        Double temperature = request.optionalNumber("temperature", 0, 2).orElse(null);
        Double topP = request.optionalNumber("top_p", 0, 1).orElse(null);
        Optional<Integer> maxCompletionTokens = request.optionalInteger("max_completion_tokens", 1);
        Optional<Integer> maxTokens = request.optionalInteger("max_tokens", 1);
        return new SamplingSettings(temperature, maxCompletionTokens.or(() -> maxTokens).orElse(null), stop(request),
                topP);
    }

    private static List<String> stop(JsonObjectReader request) {
        JsonNode value = request.value("stop");
        if (value == null) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw JsonObjectReader.wrongType("stop", "a string or an array of strings", value);
        }
        return request.optionalArray("stop", (item, param) -> {
            if (!item.isTextual()) {
                throw JsonObjectReader.wrongType(param, "a string", item);
            }
            return item.textValue();
        });
    }

    private static ToolSpecification tool(JsonNode node, String path) {
        JsonObjectReader tool = JsonObjectReader.of(node, path);
        String type = tool.requiredString("type");
        if (!type.equals("function")) {
            throw JsonObjectReader.invalidValue(tool.param("type"), type, "Supported values are: 'function'.");
        }
        JsonObjectReader function = tool.requiredObject("function");
        String name = checkedName(function.requiredString("name"), function.param("name"));
        ObjectNode parameters = function.optionalObjectNode("parameters");
        if (parameters == null) {
            parameters = Jackson.MAPPER.createObjectNode().put("type", "object");
            parameters.putObject("properties");
        }
        return ToolSpecification.of(name, function.optionalString("description").orElse(null), parameters);
    }

    private static void checkUniqueNames(List<ToolSpecification> tools) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            if (!names.add(tools.get(i).name())) {
                throw ApiError.invalidRequest("tools[" + i + "].function.name", "duplicate_tool_name",
                        "Tool '" + tools.get(i).name() + "' is defined twice: give each tool its own name.").exception();
            }
        }
    }

    private static ToolChoice toolChoice(JsonObjectReader request, List<ToolSpecification> tools) {
        JsonNode value = request.value("tool_choice");
        if (value == null) {
            return null;
        }
        ToolChoice choice;
        if (value.isTextual()) {
            choice = switch (value.textValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.ANY;
                default -> throw JsonObjectReader.invalidValue("tool_choice", value.textValue(),
                        "Supported values are: 'none', 'auto', 'required' or {\"type\": \"function\", \"function\": {\"name\": ...}}.");
            };
        } else {
            JsonObjectReader named = request.requiredObject("tool_choice");
            String type = named.requiredString("type");
            if (!type.equals("function")) {
                throw JsonObjectReader.invalidValue(named.param("type"), type, "Supported values are: 'function'.");
            }
            String name = named.requiredObject("function").requiredString("name");
            if (tools.stream().noneMatch(tool -> tool.name().equals(name))) {
                throw ApiError.invalidRequest("tool_choice", "unknown_tool",
                        "'tool_choice' names tool '" + name + "', which is not in 'tools'.").exception();
            }
            choice = ToolChoice.tool(name);
        }
        if (tools.isEmpty() && choice.mode() != ToolChoice.Mode.NONE) {
            throw ApiError.invalidRequest("tool_choice", "invalid_value",
                    "'tool_choice' is only allowed when 'tools' are specified.").exception();
        }
        return choice;
    }

    private static ResponseFormat responseFormat(JsonObjectReader request) {
        Optional<JsonObjectReader> value = request.optionalObject("response_format");
        if (value.isEmpty()) {
            return null;
        }
        JsonObjectReader format = value.get();
        String type = format.requiredString("type");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> ResponseFormat.jsonObject();
            case "json_schema" -> {
                JsonObjectReader schema = format.requiredObject("json_schema");
                String name = checkedName(schema.requiredString("name"), schema.param("name"));
                ObjectNode jsonSchema = schema.optionalObjectNode("schema");
                yield ResponseFormat.jsonSchema(name,
                        jsonSchema == null ? Jackson.MAPPER.createObjectNode().put("type", "object") : jsonSchema,
                        schema.optionalBoolean("strict").orElse(false));
            }
            default -> throw JsonObjectReader.invalidValue(format.param("type"), type,
                    "Supported values are: 'text', 'json_object' and 'json_schema'.");
        };
    }

    private static String checkedName(String name, String param) {
        if (!NAME.matcher(name).matches()) {
            throw ApiError.invalidRequest(param, "invalid_value", "Invalid '" + param + "': '" + name
                    + "' must be 1 to 64 letters, digits, underscores or dashes.").exception();
        }
        return name;
    }

    private static void rejectLegacyFunctions(JsonObjectReader request) {
        for (String legacy : List.of("functions", "function_call")) {
            if (request.has(legacy)) {
                throw ApiError.invalidRequest(legacy, "unsupported_parameter", "'" + legacy
                        + "' is deprecated and not supported: use 'tools' and 'tool_choice'.").exception();
            }
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
