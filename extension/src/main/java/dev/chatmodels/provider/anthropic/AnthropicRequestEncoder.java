package dev.chatmodels.provider.anthropic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.json.PartialJson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.CacheControl;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.PlainTextBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Writes a {@link ChatRequest} as an Anthropic Messages request body. */
final class AnthropicRequestEncoder {

    /** Anthropic requires {@code max_tokens}; this is used when the model settings leave it unset. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicRequestEncoder() {
    }

    static ObjectNode encode(ChatRequest request, boolean stream) {
        if (request.responseFormat() != null) {
            throw new IllegalArgumentException("Anthropic has no native response format (" + request.responseFormat().type()
                    + "): use structured output with method function_calling for Anthropic models");
        }
        ModelSettings settings = request.settings();
        ObjectNode body = NODES.objectNode();
        body.put("model", settings.modelName());
        body.put("max_tokens", maxTokens(settings));
        if (settings.reasoning() != null) {
            body.putObject("thinking").put("type", "enabled")
                    .put("budget_tokens", settings.reasoning().budgetTokensOrFromEffort());
        }
        JsonNode system = system(request.messages());
        if (system != null) {
            body.set("system", system);
        }
        body.set("messages", turns(request.messages()));
        if (settings.temperature() != null) {
            body.put("temperature", settings.temperature());
        }
        if (!settings.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            settings.stop().forEach(stop::add);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        ObjectNode toolChoice = toolChoice(request.toolChoice(), request.parallelToolCalls());
        if (toolChoice != null) {
            body.set("tool_choice", toolChoice);
        }
        body.put("stream", stream);
        // Provider keyword arguments (thinking, top_k, metadata...) go in as given and win over the fields above.
        settings.kwargs().forEach((key, value) -> body.set(key, Jackson.MAPPER.valueToTree(value)));
        return body;
    }

    /**
     * Anthropic requires {@code max_tokens}, and more of them than the thinking budget: unset, it is 4096, or the budget
     * plus 4096 when the budget is larger.
     */
    private static int maxTokens(ModelSettings settings) {
        Integer budget = settings.reasoning() == null ? null : settings.reasoning().budgetTokensOrFromEffort();
        if (settings.maxTokens() == null) {
            return budget == null || budget < DEFAULT_MAX_TOKENS ? DEFAULT_MAX_TOKENS : budget + DEFAULT_MAX_TOKENS;
        }
        if (budget != null && settings.maxTokens() <= budget) {
            throw new IllegalArgumentException("Anthropic needs max-tokens (" + settings.maxTokens()
                    + ") larger than the reasoning budget (" + budget + "): raise max-tokens or lower reasoning-budget");
        }
        return settings.maxTokens();
    }

    /**
     * Anthropic takes system instructions as a top-level field, not as messages: a plain string when there is one
     * text, blocks when there are several or any carries provider fields such as {@code cache_control}.
     */
    private static JsonNode system(List<Message> messages) {
        ArrayNode blocks = NODES.arrayNode();
        boolean plain = true;
        for (Message message : messages) {
            if (message instanceof SystemMessage system) {
                for (ContentBlock block : system.content()) {
                    // a breakpoint needs the block form: a plain string has no cache_control
                    plain &= block instanceof TextBlock text && !text.extras().containsKey(CacheControl.KEY);
                    blocks.add(inputBlock(block, system));
                }
            }
        }
        if (blocks.isEmpty()) {
            return null;
        }
        return plain && blocks.size() == 1 ? blocks.get(0).get("text") : blocks;
    }

    /** The user and assistant turns; consecutive messages of one role (tool results, then user text) form one turn. */
    private static ArrayNode turns(List<Message> messages) {
        ArrayNode turns = NODES.arrayNode();
        ObjectNode last = null;
        for (Message message : messages) {
            if (message instanceof SystemMessage) {
                continue;
            }
            String role = message instanceof AIMessage ? "assistant" : "user";
            ArrayNode content = message instanceof AIMessage ai ? assistantContent(ai) : userContent(message);
            if (last != null && last.get("role").asText().equals(role)) {
                ((ArrayNode) last.get("content")).addAll(content);
            } else {
                last = turns.addObject();
                last.put("role", role);
                last.set("content", content);
            }
        }
        return turns;
    }

    private static ArrayNode userContent(Message message) {
        if (message instanceof ToolMessage tool) {
            return NODES.arrayNode().add(toolResult(tool));
        }
        ArrayNode content = NODES.arrayNode();
        ((HumanMessage) message).content().forEach(block -> content.add(inputBlock(block, message)));
        return content;
    }

    private static ObjectNode toolResult(ToolMessage tool) {
        ObjectNode result = NODES.objectNode();
        result.put("type", "tool_result");
        result.put("tool_use_id", tool.toolCallId());
        if (!tool.content().isEmpty()) {
            ArrayNode content = result.putArray("content");
            tool.content().forEach(block -> content.add(inputBlock(block, tool)));
        }
        if (tool.status() == ToolMessage.Status.ERROR) {
            result.put("is_error", true);
        }
        return result;
    }

    /** A block of user, system or tool-result content. */
    private static JsonNode inputBlock(ContentBlock block, Message message) {
        if (block instanceof TextBlock text) {
            return withCacheControl(textBlock(text.text()), text.extras());
        }
        if (block instanceof DataBlock data) {
            return withCacheControl(dataBlock(data), data.extras());
        }
        if (block instanceof PlainTextBlock document) {
            ObjectNode node = NODES.objectNode();
            node.put("type", "document");
            node.set("source", textSource(document.text()));
            if (document.title() != null) {
                node.put("title", document.title());
            }
            return node;
        }
        if (block instanceof NonStandardBlock nonStandard) {
            // Already in Anthropic's own shape, e.g. a text block with cache_control.
            return Jackson.MAPPER.valueToTree(nonStandard.value());
        }
        throw new IllegalArgumentException("Anthropic does not accept a " + block.type() + " block in a "
                + message.role().wireName() + " message");
    }

    /** A block that ends a cached prefix carries Anthropic's {@code cache_control}; other extras are not Anthropic's. */
    private static ObjectNode withCacheControl(ObjectNode node, Map<String, Object> extras) {
        Object cacheControl = extras.get(CacheControl.KEY);
        if (cacheControl != null) {
            node.set(CacheControl.KEY, Jackson.MAPPER.valueToTree(cacheControl));
        }
        return node;
    }

    private static ObjectNode dataBlock(DataBlock data) {
        ObjectNode node = NODES.objectNode();
        ObjectNode source = NODES.objectNode();
        switch (data.kind()) {
            case IMAGE -> node.put("type", "image");
            case FILE -> node.put("type", "document");
            default -> throw new IllegalArgumentException(
                    "Anthropic does not accept " + data.kind().type() + " input; send images or files (PDF, text)");
        }
        if (data.base64() != null) {
            if (data.kind() == DataBlock.Kind.FILE && data.mimeType().startsWith("text/")) {
                // Anthropic reads plain-text documents as text, not base64.
                node.set("source", textSource(new String(Base64.getDecoder().decode(data.base64()), StandardCharsets.UTF_8)));
                return node;
            }
            source.put("type", "base64");
            source.put("media_type", data.mimeType());
            source.put("data", data.base64());
        } else if (data.url() != null) {
            source.put("type", "url");
            source.put("url", data.url());
        } else {
            source.put("type", "file");
            source.put("file_id", data.fileId());
        }
        node.set("source", source);
        return node;
    }

    private static ObjectNode textSource(String text) {
        ObjectNode source = NODES.objectNode();
        source.put("type", "text");
        source.put("media_type", "text/plain");
        source.put("data", text);
        return source;
    }

    private static ArrayNode assistantContent(AIMessage message) {
        // The content keeps its order (thinking may be interleaved with tool use); calls held only in the
        // tool-call lists follow it.
        List<ContentBlock> blocks = new ArrayList<>(message.content());
        message.toolCalls().stream().filter(call -> !blocks.contains(call)).forEach(blocks::add);
        message.invalidToolCalls().stream().filter(call -> !blocks.contains(call)).forEach(blocks::add);
        ArrayNode content = NODES.arrayNode();
        List<ServerToolCall> serverCalls = new ArrayList<>();
        for (ContentBlock block : blocks) {
            if (block instanceof ServerToolCall call) {
                serverCalls.add(call);
            }
            JsonNode node = assistantBlock(block, serverCalls);
            if (node != null) {
                content.add(node);
            }
        }
        return content;
    }

    /** A block of assistant content, or {@code null} for one Anthropic cannot take back. */
    private static JsonNode assistantBlock(ContentBlock block, List<ServerToolCall> serverCalls) {
        if (block instanceof TextBlock text) {
            // Anthropic rejects empty text blocks; citations are not sent back.
            return text.text().isEmpty() ? null : withCacheControl(textBlock(text.text()), text.extras());
        }
        if (block instanceof ReasoningBlock reasoning) {
            return thinkingBlock(reasoning);
        }
        if (block instanceof ToolCall call) {
            return toolUse("tool_use", call.id(), call.name(), call.args());
        }
        if (block instanceof InvalidToolCall call) {
            // Kept so that the tool result answering it still has its tool_use; the arguments are best effort.
            JsonNode args = PartialJson.parse(call.args() == null ? "" : call.args());
            ObjectNode node = toolUse("tool_use", call.id(), call.name(), Map.of());
            if (args != null && args.isObject()) {
                node.set("input", args);
            }
            return node;
        }
        if (block instanceof ServerToolCall call) {
            return toolUse("server_tool_use", call.id(), call.name(), call.args());
        }
        if (block instanceof ServerToolResult result) {
            return serverToolResult(result, serverCalls);
        }
        if (block instanceof NonStandardBlock nonStandard) {
            return Jackson.MAPPER.valueToTree(nonStandard.value());
        }
        if (block instanceof DataBlock data) {
            return dataBlock(data);
        }
        throw new IllegalArgumentException("Anthropic does not accept a " + block.type() + " block in an assistant message");
    }

    /**
     * Thinking goes back with its signature (redacted thinking with its data) so Anthropic can verify it; reasoning
     * without either, e.g. from another provider, cannot be verified and is left out.
     */
    private static ObjectNode thinkingBlock(ReasoningBlock reasoning) {
        Object data = reasoning.extras().get(AnthropicResponseDecoder.REDACTED_DATA);
        Object signature = reasoning.extras().get(AnthropicResponseDecoder.SIGNATURE);
        ObjectNode node = NODES.objectNode();
        if (data != null) {
            node.put("type", "redacted_thinking");
            node.put("data", data.toString());
            return node;
        }
        if (signature == null) {
            return null;
        }
        node.put("type", "thinking");
        node.put("thinking", reasoning.reasoning());
        node.put("signature", signature.toString());
        return node;
    }

    private static ObjectNode toolUse(String type, String id, String name, Map<String, Object> args) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        node.put("id", id);
        node.put("name", name);
        node.set("input", Jackson.MAPPER.valueToTree(args));
        return node;
    }

    /**
     * Anthropic names a server tool's result after the tool: {@code web_search} answers in a {@code web_search_tool_result}.
     */
    private static ObjectNode serverToolResult(ServerToolResult result, List<ServerToolCall> serverCalls) {
        String tool = serverCalls.stream()
                .filter(call -> call.id().equals(result.toolCallId()))
                .map(ServerToolCall::name)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Server tool result " + result.toolCallId()
                        + " has no server_tool_call before it in the same assistant message"));
        ObjectNode node = NODES.objectNode();
        node.put("type", tool + AnthropicResponseDecoder.SERVER_TOOL_RESULT_SUFFIX);
        node.put("tool_use_id", result.toolCallId());
        node.set("content", Jackson.MAPPER.valueToTree(result.output()));
        return node;
    }

    private static ObjectNode textBlock(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "text");
        node.put("text", text);
        return node;
    }

    private static ObjectNode tool(ToolSpecification tool) {
        if (tool.isBuiltIn()) {
            return Jackson.MAPPER.valueToTree(tool.builtIn());
        }
        ObjectNode node = NODES.objectNode();
        node.put("name", tool.name());
        if (tool.description() != null) {
            node.put("description", tool.description());
        }
        node.set("input_schema", tool.parameters() != null ? tool.parameters()
                : NODES.objectNode().put("type", "object").set("properties", NODES.objectNode()));
        return node;
    }

    private static ObjectNode toolChoice(ToolChoice choice, Boolean parallelToolCalls) {
        boolean disableParallel = Boolean.FALSE.equals(parallelToolCalls);
        if (choice == null && !disableParallel) {
            return null;
        }
        ToolChoice effective = choice == null ? ToolChoice.AUTO : choice;
        ObjectNode node = NODES.objectNode();
        switch (effective.mode()) {
            case AUTO -> node.put("type", "auto");
            case ANY -> node.put("type", "any");
            case NONE -> node.put("type", "none");
            case TOOL -> node.put("type", "tool").put("name", effective.toolName());
        }
        // Anthropic's "none" takes no parallelism flag.
        if (disableParallel && effective.mode() != ToolChoice.Mode.NONE) {
            node.put("disable_parallel_tool_use", true);
        }
        return node;
    }
}
