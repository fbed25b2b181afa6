package dev.chatmodels.provider.openai;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.schema.JsonSchemas;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/**
 * OpenAI's Responses API ({@code POST /responses}), which OpenAI's built-in tools (web search, file search, code
 * interpreter, image generation, remote MCP) and reasoning summaries need.
 * <p>
 * Requests carry the model, the messages as input items, temperature, the output-token limit, reasoning effort,
 * tools (functions and built-in tools as they are), tool choice and the structured-output format as
 * {@code text.format}; the model settings' keyword arguments are merged in last, so they win. Errors have the shape of
 * Chat Completions errors and are read the same way.
 */
public final class OpenAiResponsesCodec implements ChatCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String provider;
    private final Clock clock;

    /** The codec of OpenAI itself. */
    public OpenAiResponsesCodec() {
        this("openai", Clock.systemUTC());
    }

    /** A provider that speaks the Responses API; its name appears in errors. */
    public OpenAiResponsesCodec(String provider, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String path(ChatRequest request, boolean stream) {
        return "/responses";
    }

    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        ModelSettings settings = request.settings();
        if (!settings.stop().isEmpty()) {
            throw new IllegalArgumentException("OpenAI's Responses API takes no stop sequences: leave stop unset "
                    + "or use the Chat Completions API (use-responses-api=false)");
        }
        ObjectNode body = NODES.objectNode();
        body.put("model", settings.modelName());
        body.set("input", OpenAiResponsesRequestEncoder.encode(request.messages()));
        if (settings.temperature() != null) {
            body.put("temperature", settings.temperature());
        }
        if (settings.maxTokens() != null) {
            body.put("max_output_tokens", settings.maxTokens());
        }
        if (settings.reasoning() != null) {
            body.putObject("reasoning").put("effort", settings.reasoning().effortOrFromBudget().value());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
            if (request.parallelToolCalls() != null) {
                body.put("parallel_tool_calls", request.parallelToolCalls());
            }
        }
        if (request.toolChoice() != null) {
            body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        if (request.responseFormat() != null) {
            body.putObject("text").set("format", format(request.responseFormat()));
        }
        body.put("stream", stream);
        for (Map.Entry<String, Object> kwarg : settings.kwargs().entrySet()) {
            body.set(kwarg.getKey(), Jackson.MAPPER.valueToTree(kwarg.getValue()));
        }
        return body;
    }

    /** A function tool is flat here (no {@code function} wrapper); a built-in tool goes out as it is. */
    private static JsonNode tool(ToolSpecification tool) {
        if (tool.isBuiltIn()) {
            return Jackson.MAPPER.valueToTree(tool.builtIn());
        }
        ObjectNode function = NODES.objectNode().put("type", "function").put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        boolean strict = Boolean.TRUE.equals(tool.strict());
        if (tool.parameters() != null) {
            // Strict mode rejects schemas that leave a property out of "required".
            function.set("parameters", strict ? JsonSchemas.strict(tool.parameters()) : tool.parameters());
        } else {
            function.putObject("parameters").put("type", "object").putObject("properties");
        }
        if (tool.strict() != null) {
            function.put("strict", strict);
        }
        return function;
    }

    private static JsonNode toolChoice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> NODES.textNode("auto");
            case ANY -> NODES.textNode("required");
            case NONE -> NODES.textNode("none");
            case TOOL -> NODES.objectNode().put("type", "function").put("name", choice.toolName());
        };
    }

    private static JsonNode format(ResponseFormat format) {
        if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
            return NODES.objectNode().put("type", "json_object");
        }
        ObjectNode schema = NODES.objectNode().put("type", "json_schema");
        schema.put("name", format.name() == null ? "response" : format.name());
        schema.set("schema", format.schema());
        schema.put("strict", format.strict());
        return schema;
    }

    @Override
    public AIMessage decode(JsonNode response) {
        return OpenAiResponsesDecoder.decode(provider, response);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new OpenAiResponsesStreamDecoder(provider);
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        return OpenAiErrorDecoder.decode(provider, status, headers, body, clock);
    }

    @Override
    public String toString() {
        return "OpenAiResponsesCodec[" + provider + "]";
    }
}
