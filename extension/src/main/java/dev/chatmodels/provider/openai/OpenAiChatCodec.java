package dev.chatmodels.provider.openai;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

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
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.schema.JsonSchemas;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/**
 * The OpenAI Chat Completions wire format ({@code POST /chat/completions}), also spoken by DeepSeek, Groq, xAI,
 * Mistral, OpenRouter and Ollama.
 * <p>
 * Requests carry the model, messages, temperature, the output-token limit, stop sequences, tools, tool choice and
 * response format; the model settings' keyword arguments are merged in last, as they are, so they win. Answers become
 * {@link AIMessage}s with usage details (cached and reasoning tokens) and response metadata (model name, finish reason,
 * id, system fingerprint, service tier, logprobs).
 */
public final class OpenAiChatCodec implements ChatCodec {

    /** OpenAI itself. */
    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("openai")
            .defaultBaseUrl("https://api.openai.com/v1").apiKeyEnvVars("OPENAI_API_KEY")
            .modelPrefixes("gpt-", "o1", "o3", "o4", "chatgpt-").codec(OpenAiChatCodec::new).build();

    /** Reasoning models take {@code max_completion_tokens} and reject {@code max_tokens}. */
    private static final Pattern REASONING_MODEL = Pattern.compile("^(?:.*/)?(?:o\\d|gpt-5).*");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Built-in tools OpenAI takes on its Responses API only: binding one sends the request there. */
    private static final Set<String> RESPONSES_ONLY_TOOLS = Set.of("web_search", "web_search_preview", "file_search",
            "code_interpreter", "image_generation", "mcp", "computer_use_preview", "local_shell", "shell",
            "apply_patch");

    private final String provider;
    private final Clock clock;
    /** The Responses API of the provider; {@code null} when it has none. */
    private final OpenAiResponsesCodec responses;
    /** Whether to use the Responses API: always, never, or {@code null} for when a request needs it. */
    private final Boolean useResponsesApi;

    /** The codec of OpenAI itself, which sends a request to the Responses API when it binds a tool only that has. */
    public OpenAiChatCodec() {
        this("openai", Clock.systemUTC(), new OpenAiResponsesCodec("openai", Clock.systemUTC()), null);
    }

    /** An OpenAI-compatible provider with a required bearer key. */
    public static ProviderDescriptor compatible(String name, String baseUrl, String apiKeyEnvVar, String... modelPrefixes) {
        return compatibleBuilder(name, baseUrl, apiKeyEnvVar).modelPrefixes(modelPrefixes).build();
    }

    /** An OpenAI-compatible provider, to complete. */
    public static ProviderDescriptor.Builder compatibleBuilder(String name, String baseUrl, String apiKeyEnvVar) {
        return ProviderDescriptor.builder(name).defaultBaseUrl(baseUrl).apiKeyEnvVars(apiKeyEnvVar)
                .codec(() -> new OpenAiChatCodec(name));
    }

    /** The codec of an OpenAI-compatible provider; its name appears in errors. */
    public OpenAiChatCodec(String provider) {
        this(provider, Clock.systemUTC());
    }

    /** With the clock that {@code retry-after} dates are measured against. */
    OpenAiChatCodec(String provider, Clock clock) {
        this(provider, clock, null, null);
    }

    private OpenAiChatCodec(String provider, Clock clock, OpenAiResponsesCodec responses, Boolean useResponsesApi) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.responses = responses;
        this.useResponsesApi = useResponsesApi;
    }

    /**
     * The Responses API codec when it is switched on, or left to choose and the request binds a Responses-only
     * built-in tool; this codec otherwise.
     */
    @Override
    public ChatCodec forRequest(ChatRequest request) {
        if (responses == null || Boolean.FALSE.equals(useResponsesApi)) {
            return this;
        }
        return Boolean.TRUE.equals(useResponsesApi) || request.tools().stream().anyMatch(OpenAiChatCodec::responsesOnly)
                ? responses
                : this;
    }

    private static boolean responsesOnly(ToolSpecification tool) {
        return tool.isBuiltIn() && RESPONSES_ONLY_TOOLS.contains(String.valueOf(tool.builtIn().get("type")));
    }

    @Override
    public ChatCodec withResponsesApi(boolean use) {
        if (use && responses == null) {
            throw new IllegalArgumentException(provider + " has no Responses API: only OpenAI's own codec has one");
        }
        return new OpenAiChatCodec(provider, clock, responses, use);
    }

    @Override
    public String path(ChatRequest request, boolean stream) {
        return "/chat/completions";
    }

    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        ModelSettings settings = request.settings();
        ObjectNode body = NODES.objectNode();
        body.put("model", settings.modelName());
        body.set("messages", OpenAiRequestEncoder.encode(request.messages()));
        if (settings.temperature() != null) {
            body.put("temperature", settings.temperature());
        }
        if (settings.maxTokens() != null) {
            body.put(REASONING_MODEL.matcher(settings.modelName()).matches() ? "max_completion_tokens" : "max_tokens",
                    settings.maxTokens());
        }
        if (settings.reasoning() != null) {
            body.put("reasoning_effort", settings.reasoning().effortOrFromBudget().value());
        }
        if (!settings.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            settings.stop().forEach(stop::add);
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
            body.set("response_format", responseFormat(request.responseFormat()));
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        for (Map.Entry<String, Object> kwarg : settings.kwargs().entrySet()) {
            body.set(kwarg.getKey(), Jackson.MAPPER.valueToTree(kwarg.getValue()));
        }
        return body;
    }

    private static JsonNode tool(ToolSpecification tool) {
        if (tool.isBuiltIn()) {
            return Jackson.MAPPER.valueToTree(tool.builtIn());
        }
        ObjectNode function = NODES.objectNode().put("name", tool.name());
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
        return NODES.objectNode().put("type", "function").set("function", function);
    }

    private static JsonNode toolChoice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> NODES.textNode("auto");
            case ANY -> NODES.textNode("required");
            case NONE -> NODES.textNode("none");
            case TOOL -> NODES.objectNode().put("type", "function").set("function",
                    NODES.objectNode().put("name", choice.toolName()));
        };
    }

    private static JsonNode responseFormat(ResponseFormat format) {
        if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
            return NODES.objectNode().put("type", "json_object");
        }
        ObjectNode schema = NODES.objectNode().put("name", format.name() == null ? "response" : format.name());
        schema.put("strict", format.strict());
        schema.set("schema", format.schema());
        return NODES.objectNode().put("type", "json_schema").set("json_schema", schema);
    }

    @Override
    public AIMessage decode(JsonNode response) {
        return OpenAiResponseDecoder.decode(provider, response);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new OpenAiStreamDecoder(provider);
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        return OpenAiErrorDecoder.decode(provider, status, headers, body, clock);
    }

    @Override
    public String toString() {
        return "OpenAiChatCodec[" + provider + "]";
    }
}
