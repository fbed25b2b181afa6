package dev.chatmodels.provider.bedrock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Writes a {@link ChatRequest} as a Bedrock Converse (or ConverseStream) request body. */
final class BedrockRequestEncoder {

    /**
     * The top-level Converse fields a keyword argument may set directly; any other keyword argument is a model-specific
     * extra (Claude's {@code thinking}, {@code top_k}...) and goes into {@code additionalModelRequestFields}.
     */
    private static final Set<String> CONVERSE_FIELDS = Set.of("additionalModelRequestFields",
            "additionalModelResponseFieldPaths", "guardrailConfig", "inferenceConfig", "performanceConfig",
            "promptVariables", "requestMetadata", "serviceTier");
    private static final String ADDITIONAL_FIELDS = "additionalModelRequestFields";
    private static final String INFERENCE_CONFIG = "inferenceConfig";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BedrockRequestEncoder() {
    }

    static ObjectNode encode(ChatRequest request) {
        if (request.responseFormat() != null) {
            throw new IllegalArgumentException("Bedrock Converse has no native response format ("
                    + request.responseFormat().type()
                    + "): use structured output with method function_calling for Bedrock models");
        }
        ModelSettings settings = request.settings();
        ObjectNode body = NODES.objectNode();
        body.set("messages", turns(request.messages()));
        ArrayNode system = system(request.messages());
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        body.set(INFERENCE_CONFIG, inferenceConfig(settings));
        ObjectNode toolConfig = toolConfig(request);
        if (toolConfig != null) {
            body.set("toolConfig", toolConfig);
        }
        if (settings.reasoning() != null) {
            // Claude's extended thinking, the model extra Bedrock documents for reasoning
            body.with(ADDITIONAL_FIELDS).putObject("thinking").put("type", "enabled")
                    .put("budget_tokens", settings.reasoning().budgetTokensOrFromEffort());
        }
        settings.kwargs().forEach((key, value) -> putKwarg(body, key, Jackson.MAPPER.valueToTree(value)));
        return body;
    }

    /** A Converse field as given (objects merged into what is already there); anything else is a model extra. */
    private static void putKwarg(ObjectNode body, String key, JsonNode value) {
        if (!CONVERSE_FIELDS.contains(key)) {
            body.with(ADDITIONAL_FIELDS).set(key, value);
        } else if (value.isObject() && body.get(key) instanceof ObjectNode existing) {
            existing.setAll((ObjectNode) value);
        } else {
            body.set(key, value);
        }
    }

    private static ObjectNode inferenceConfig(ModelSettings settings) {
        ObjectNode config = NODES.objectNode();
        if (settings.maxTokens() != null) {
            config.put("maxTokens", settings.maxTokens());
        }
        if (settings.temperature() != null) {
            config.put("temperature", settings.temperature());
        }
        if (!settings.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            settings.stop().forEach(stop::add);
        }
        return config;
    }

    /** System instructions as blocks: text, or provider blocks such as {@code cachePoint} given as they are. */
    private static ArrayNode system(List<Message> messages) {
        ArrayNode blocks = NODES.arrayNode();
        for (Message message : messages) {
            if (message instanceof SystemMessage system) {
                for (ContentBlock block : system.content()) {
                    if (block instanceof TextBlock text) {
                        blocks.add(text(text.text()));
                        addCachePointAfter(blocks, text.extras());
                    } else if (block instanceof NonStandardBlock nonStandard) {
                        blocks.add(Jackson.MAPPER.<JsonNode> valueToTree(nonStandard.value()));
                    } else {
                        throw new IllegalArgumentException("Bedrock does not accept a " + block.type()
                                + " block in a system message");
                    }
                }
            }
        }
        return blocks;
    }

    /** The user and assistant turns; Converse wants them alternating, so consecutive messages of one role form one turn. */
    private static ArrayNode turns(List<Message> messages) {
        ArrayNode turns = NODES.arrayNode();
        ObjectNode last = null;
        DocumentNames documents = new DocumentNames();
        for (Message message : messages) {
            if (message instanceof SystemMessage) {
                continue;
            }
            String role = message instanceof AIMessage ? "assistant" : "user";
            ArrayNode content = message instanceof AIMessage ai ? assistantContent(ai, documents)
                    : userContent(message, documents);
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

    private static ArrayNode userContent(Message message, DocumentNames documents) {
        ArrayNode content = NODES.arrayNode();
        if (message instanceof ToolMessage tool) {
            return content.add(toolResult(tool, documents));
        }
        for (ContentBlock block : ((HumanMessage) message).content()) {
            content.add(inputBlock(block, message, documents));
            addCachePointAfter(content, block instanceof TextBlock text ? text.extras()
                    : block instanceof DataBlock data ? data.extras() : Map.of());
        }
        return content;
    }

    /** A block that ends a cached prefix (its extras hold {@code cache_control}) is followed by Converse's cachePoint. */
    private static void addCachePointAfter(ArrayNode blocks, Map<String, Object> extras) {
        if (extras.containsKey(CacheControl.KEY)) {
            blocks.addObject().putObject("cachePoint").put("type", "default");
        }
    }

    private static ObjectNode toolResult(ToolMessage tool, DocumentNames documents) {
        ObjectNode result = NODES.objectNode();
        result.put("toolUseId", tool.toolCallId());
        ArrayNode content = result.putArray("content");
        tool.content().forEach(block -> content.add(inputBlock(block, tool, documents)));
        result.put("status", tool.status() == ToolMessage.Status.ERROR ? "error" : "success");
        return wrap("toolResult", result);
    }

    /** A block of user or tool-result content. */
    private static JsonNode inputBlock(ContentBlock block, Message message, DocumentNames documents) {
        if (block instanceof TextBlock text) {
            return text(text.text());
        }
        if (block instanceof DataBlock data) {
            return dataBlock(data, documents);
        }
        if (block instanceof PlainTextBlock document) {
            ObjectNode node = NODES.objectNode();
            node.put("name", document.title() != null ? document.title() : documents.next());
            node.put("format", "txt");
            node.putObject("source").put("bytes",
                    Base64.getEncoder().encodeToString(document.text().getBytes(StandardCharsets.UTF_8)));
            return wrap("document", node);
        }
        if (block instanceof NonStandardBlock nonStandard) {
            // Already in Converse's own shape, e.g. a cachePoint or guardContent block.
            return Jackson.MAPPER.valueToTree(nonStandard.value());
        }
        throw new IllegalArgumentException(
                "Bedrock does not accept a " + block.type() + " block in a " + message.role().wireName() + " message");
    }

    /**
     * Images, documents and videos as base64 {@code bytes} or an {@code s3://} location; Converse reads no other URLs,
     * and names the format instead of a MIME type.
     */
    private static ObjectNode dataBlock(DataBlock data, DocumentNames documents) {
        String kind = switch (data.kind()) {
            case IMAGE -> "image";
            case FILE -> "document";
            case VIDEO -> "video";
            case AUDIO -> throw new IllegalArgumentException(
                    "Bedrock Converse does not accept audio input; send images, documents or videos");
        };
        ObjectNode node = NODES.objectNode();
        if (data.kind() == DataBlock.Kind.FILE) {
            node.put("name", data.filename() != null ? data.filename() : documents.next());
        }
        ObjectNode source = NODES.objectNode();
        if (data.base64() != null) {
            node.put("format", format(data));
            source.put("bytes", data.base64());
        } else if (data.url() != null && data.url().startsWith("s3://")) {
            if (data.mimeType() == null) {
                throw new IllegalArgumentException("A " + data.kind().type() + " block from " + data.url()
                        + " needs its mime_type: Bedrock wants the format of S3 content");
            }
            node.put("format", format(data));
            source.putObject("s3Location").put("uri", data.url());
        } else {
            throw new IllegalArgumentException("Bedrock reads " + data.kind().type()
                    + " content only as base64 data or from an s3:// location, not " + describe(data));
        }
        node.set("source", source);
        return wrap(kind, node);
    }

    /** Converse's format word: the MIME subtype, with the few names that differ mapped. */
    private static String format(DataBlock data) {
        String subtype = data.mimeType().substring(data.mimeType().indexOf('/') + 1).toLowerCase(Locale.ROOT);
        int parameters = subtype.indexOf(';');
        subtype = parameters < 0 ? subtype : subtype.substring(0, parameters).strip();
        return switch (subtype) {
            case "plain" -> "txt";
            case "markdown" -> "md";
            case "msword" -> "doc";
            case "vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
            case "vnd.ms-excel" -> "xls";
            case "vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "xlsx";
            case "jpg" -> "jpeg";
            case "quicktime" -> "mov";
            case "x-matroska" -> "mkv";
            default -> subtype;
        };
    }

    private static String describe(DataBlock data) {
        return data.url() != null ? "a URL (" + data.url() + ")" : "a provider file id";
    }

    private static ArrayNode assistantContent(AIMessage message, DocumentNames documents) {
        // The content keeps its order (reasoning comes before the tool use it led to); calls held only in the
        // tool-call lists follow it.
        List<ContentBlock> blocks = new ArrayList<>(message.content());
        message.toolCalls().stream().filter(call -> !blocks.contains(call)).forEach(blocks::add);
        message.invalidToolCalls().stream().filter(call -> !blocks.contains(call)).forEach(blocks::add);
        ArrayNode content = NODES.arrayNode();
        for (ContentBlock block : blocks) {
            JsonNode node = assistantBlock(block, documents);
            if (node != null) {
                content.add(node);
            }
        }
        return content;
    }

    /** A block of assistant content, or {@code null} for one Converse cannot take back. */
    private static JsonNode assistantBlock(ContentBlock block, DocumentNames documents) {
        if (block instanceof TextBlock text) {
            // Converse rejects blank text blocks.
            return text.text().isBlank() ? null : text(text.text());
        }
        if (block instanceof ReasoningBlock reasoning) {
            return reasoningBlock(reasoning);
        }
        if (block instanceof ToolCall call) {
            return toolUse(call.id(), call.name(), Jackson.MAPPER.valueToTree(call.args()));
        }
        if (block instanceof InvalidToolCall call) {
            // Kept so that the tool result answering it still has its toolUse; the arguments are best effort.
            JsonNode args = PartialJson.parse(call.args() == null ? "" : call.args());
            return toolUse(call.id(), call.name(), args != null && args.isObject() ? args : NODES.objectNode());
        }
        if (block instanceof NonStandardBlock nonStandard) {
            return Jackson.MAPPER.valueToTree(nonStandard.value());
        }
        if (block instanceof DataBlock data) {
            return dataBlock(data, documents);
        }
        throw new IllegalArgumentException("Bedrock does not accept a " + block.type() + " block in an assistant message");
    }

    /**
     * Reasoning goes back with its signature (redacted reasoning with its encrypted content) so the model can verify
     * it; reasoning without either, e.g. from another provider, cannot be verified and is left out.
     */
    private static ObjectNode reasoningBlock(ReasoningBlock reasoning) {
        Object redacted = reasoning.extras().get(BedrockResponseDecoder.REDACTED_CONTENT);
        Object signature = reasoning.extras().get(BedrockResponseDecoder.SIGNATURE);
        ObjectNode content = NODES.objectNode();
        if (redacted != null) {
            content.put(BedrockResponseDecoder.REDACTED_CONTENT, redacted.toString());
        } else if (signature != null) {
            content.putObject("reasoningText").put("text", reasoning.reasoning()).put(BedrockResponseDecoder.SIGNATURE,
                    signature.toString());
        } else {
            return null;
        }
        return wrap("reasoningContent", content);
    }

    private static ObjectNode toolUse(String id, String name, JsonNode input) {
        ObjectNode node = NODES.objectNode();
        node.put("toolUseId", id);
        node.put("name", name);
        node.set("input", input);
        return wrap("toolUse", node);
    }

    /**
     * Tools and the tool choice. Converse cannot forbid tool calls: {@link ToolChoice#NONE} leaves the tools out, unless
     * the conversation holds tool calls or results, which Converse only accepts with the tools defined.
     */
    private static ObjectNode toolConfig(ChatRequest request) {
        ToolChoice choice = request.toolChoice();
        if (request.tools().isEmpty()
                || choice != null && choice.mode() == ToolChoice.Mode.NONE && !hasToolBlocks(request.messages())) {
            return null;
        }
        ObjectNode config = NODES.objectNode();
        ArrayNode tools = config.putArray("tools");
        request.tools().forEach(tool -> tools.add(tool(tool)));
        if (choice != null) {
            switch (choice.mode()) {
                case AUTO -> config.putObject("toolChoice").putObject("auto");
                case ANY -> config.putObject("toolChoice").putObject("any");
                case TOOL -> config.putObject("toolChoice").putObject("tool").put("name", choice.toolName());
                case NONE -> {
                    // no choice: see above
                }
            }
        }
        return config;
    }

    private static boolean hasToolBlocks(List<Message> messages) {
        return messages.stream()
                .anyMatch(message -> message instanceof ToolMessage
                        || message instanceof AIMessage ai && (!ai.toolCalls().isEmpty() || !ai.invalidToolCalls().isEmpty()));
    }

    private static ObjectNode tool(ToolSpecification tool) {
        if (tool.isBuiltIn()) {
            // A Converse tool entry as given, e.g. a cachePoint after the tools.
            return Jackson.MAPPER.valueToTree(tool.builtIn());
        }
        ObjectNode spec = NODES.objectNode();
        spec.put("name", tool.name());
        if (tool.description() != null) {
            spec.put("description", tool.description());
        }
        spec.putObject("inputSchema").set("json", tool.parameters() != null ? tool.parameters()
                : NODES.objectNode().put("type", "object").set("properties", NODES.objectNode()));
        return wrap("toolSpec", spec);
    }

    private static ObjectNode text(String text) {
        return NODES.objectNode().put("text", text);
    }

    /** Converse blocks are objects with one key that names their type. */
    private static ObjectNode wrap(String type, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(type, value);
        return node;
    }

    /** Converse requires a name on every document; unnamed ones are numbered in request order. */
    private static final class DocumentNames {
        private int count;

        String next() {
            return "Document " + ++count;
        }
    }

}
