package dev.chatmodels.provider.ollama;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/**
 * Writes {@code /api/chat} requests. Messages carry their text as one string, images as base64 {@code images}; an
 * assistant turn its reasoning as {@code thinking} and its calls with arguments as objects; a tool result names its
 * tool ({@code tool_name}), as Ollama matches results by name, not by id. Temperature, the output-token limit
 * ({@code num_predict}) and stop sequences go into {@code options}, as do keyword arguments other than the request's
 * own fields ({@link #TOP_LEVEL}).
 */
final class OllamaRequestEncoder {

    /** The keyword arguments that are fields of the request itself; the others are model options. */
    static final Set<String> TOP_LEVEL = Set.of("think", "keep_alive", "format", "truncate", "shift", "logprobs",
            "top_logprobs");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OllamaRequestEncoder() {
    }

    static ObjectNode encode(ChatRequest request, boolean stream) {
        ModelSettings settings = request.settings();
        ObjectNode body = NODES.objectNode();
        body.put("model", settings.modelName());
        body.set("messages", messages(request.messages()));
        body.put("stream", stream);
        if (!request.tools().isEmpty() && !isNone(request.toolChoice())) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        if (request.responseFormat() != null) {
            body.set("format", request.responseFormat().type() == ResponseFormat.Type.JSON_OBJECT ? NODES.textNode("json")
                    : request.responseFormat().schema());
        }
        if (settings.reasoning() != null) {
            body.put("think", true);
        }
        ObjectNode options = NODES.objectNode();
        if (settings.temperature() != null) {
            options.put("temperature", settings.temperature());
        }
        if (settings.maxTokens() != null) {
            options.put("num_predict", settings.maxTokens());
        }
        if (!settings.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            settings.stop().forEach(stop::add);
        }
        for (Map.Entry<String, Object> kwarg : settings.kwargs().entrySet()) {
            JsonNode value = Jackson.MAPPER.valueToTree(kwarg.getValue());
            if (kwarg.getKey().equals("options") && value.isObject()) {
                options.setAll((ObjectNode) value);
            } else if (TOP_LEVEL.contains(kwarg.getKey())) {
                body.set(kwarg.getKey(), value);
            } else {
                options.set(kwarg.getKey(), value);
            }
        }
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        return body;
    }

    /** Ollama has no tool choice: {@code auto} is its only way, {@code none} sends no tools, a forced call is refused. */
    private static boolean isNone(ToolChoice choice) {
        if (choice == null || choice.mode() == ToolChoice.Mode.AUTO) {
            return false;
        }
        if (choice.mode() == ToolChoice.Mode.NONE) {
            return true;
        }
        throw new IllegalArgumentException("Ollama cannot force a tool call (tool choice '"
                + (choice.toolName() == null ? choice.mode().name().toLowerCase(java.util.Locale.ROOT) : choice.toolName())
                + "'): leave the tool choice to the model, or use the json_schema method for structured output");
    }

    private static ArrayNode messages(List<Message> messages) {
        ArrayNode array = NODES.arrayNode(messages.size());
        // tool results name their tool: the name of the call they answer, from the turn that made it
        Map<String, String> toolNames = new HashMap<>();
        for (Message message : messages) {
            ObjectNode node = array.addObject().put("role", message.role().wireName());
            if (message instanceof AIMessage ai) {
                assistant(ai, node);
                ai.toolCalls().forEach(call -> toolNames.put(call.id(), call.name()));
            } else if (message instanceof ToolMessage tool) {
                content(tool.content(), node);
                String name = tool.name() != null ? tool.name() : toolNames.get(tool.toolCallId());
                if (name != null) {
                    node.put("tool_name", name);
                }
            } else {
                content(message.content(), node);
            }
        }
        return array;
    }

    private static void content(List<ContentBlock> blocks, ObjectNode node) {
        StringBuilder text = new StringBuilder();
        ArrayNode images = NODES.arrayNode();
        for (ContentBlock block : blocks) {
            if (block instanceof TextBlock t) {
                text.append(t.text());
            } else if (block instanceof DataBlock data && data.kind() == DataBlock.Kind.IMAGE && data.base64() != null) {
                images.add(data.base64());
            } else if (block instanceof DataBlock data && data.kind() == DataBlock.Kind.IMAGE) {
                throw new IllegalArgumentException("Ollama takes images as base64 data, not by URL or file id");
            } else {
                throw new IllegalArgumentException("Ollama does not accept '" + block.type() + "' blocks in message content");
            }
        }
        node.put("content", text.toString());
        if (!images.isEmpty()) {
            node.set("images", images);
        }
    }

    private static void assistant(AIMessage message, ObjectNode node) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        ArrayNode toolCalls = NODES.arrayNode();
        for (ContentBlock block : message.contentBlocks()) {
            if (block instanceof TextBlock t) {
                text.append(t.text());
            } else if (block instanceof ReasoningBlock r) {
                thinking.append(r.reasoning());
            } else if (block instanceof ToolCall call) {
                ObjectNode function = toolCalls.addObject().putObject("function").put("name", call.name());
                function.set("arguments", Jackson.MAPPER.valueToTree(call.args()));
            }
        }
        node.put("content", text.toString());
        if (!thinking.isEmpty()) {
            node.put("thinking", thinking.toString());
        }
        if (!toolCalls.isEmpty()) {
            node.set("tool_calls", toolCalls);
        }
    }

    private static JsonNode tool(ToolSpecification tool) {
        if (tool.isBuiltIn()) {
            return Jackson.MAPPER.valueToTree(tool.builtIn());
        }
        ObjectNode function = NODES.objectNode().put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        if (tool.parameters() != null) {
            function.set("parameters", tool.parameters());
        } else {
            function.putObject("parameters").put("type", "object").putObject("properties");
        }
        return NODES.objectNode().put("type", "function").set("function", function);
    }
}
