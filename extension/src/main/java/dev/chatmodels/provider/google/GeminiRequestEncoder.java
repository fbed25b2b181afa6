package dev.chatmodels.provider.google;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Writes a {@link ChatRequest} as a Gemini {@code generateContent} request body. */
final class GeminiRequestEncoder {

    /**
     * Keyword arguments that are fields of the request itself; any other keyword argument is a generation setting
     * ({@code topP}, {@code topK}, {@code seed}, {@code thinkingConfig}, {@code responseLogprobs}...) and goes into
     * {@code generationConfig}. Gemini reads both spellings of every field, camelCase and snake_case.
     */
    private static final Set<String> REQUEST_FIELDS = Set.of("contents", "tools", "toolConfig", "tool_config",
            "safetySettings", "safety_settings", "systemInstruction", "system_instruction", "cachedContent",
            "cached_content", "labels");
    private static final Set<String> GENERATION_CONFIG = Set.of("generationConfig", "generation_config");
    private static final String JSON = "application/json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiRequestEncoder() {
    }

    static ObjectNode encode(ChatRequest request) {
        ObjectNode body = NODES.objectNode();
        body.set("contents", contents(request.messages()));
        ObjectNode system = systemInstruction(request.messages());
        if (system != null) {
            body.set("systemInstruction", system);
        }
        if (!request.tools().isEmpty()) {
            body.set("tools", tools(request.tools()));
        }
        if (request.toolChoice() != null) {
            body.set("toolConfig", toolConfig(request.toolChoice()));
        }
        ObjectNode generationConfig = generationConfig(request.settings(), request.responseFormat());
        body.set("generationConfig", generationConfig);
        // Provider keyword arguments go in as given and win over the fields above.
        request.settings().kwargs().forEach((key, value) -> {
            JsonNode node = Jackson.MAPPER.valueToTree(value);
            if (GENERATION_CONFIG.contains(key) && node.isObject()) {
                generationConfig.setAll((ObjectNode) node);
            } else if (REQUEST_FIELDS.contains(key)) {
                body.set(key, node);
            } else {
                generationConfig.set(key, node);
            }
        });
        return body;
    }

    private static ObjectNode generationConfig(ModelSettings settings, ResponseFormat format) {
        ObjectNode config = NODES.objectNode();
        if (settings.temperature() != null) {
            config.put("temperature", settings.temperature());
        }
        if (settings.maxTokens() != null) {
            config.put("maxOutputTokens", settings.maxTokens());
        }
        if (!settings.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            settings.stop().forEach(stop::add);
        }
        if (settings.reasoning() != null) {
            // the budget, and the thoughts back as reasoning blocks, as Anthropic's thinking comes back
            config.putObject("thinkingConfig").put("thinkingBudget", settings.reasoning().budgetTokensOrFromEffort())
                    .put("includeThoughts", true);
        }
        if (format != null) {
            config.put("responseMimeType", JSON);
            if (format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null) {
                config.set("responseJsonSchema", GeminiResponseSchema.of(format.schema()));
            }
        }
        return config;
    }

    /** Gemini takes system instructions apart from the turns, as the parts of one content. */
    private static ObjectNode systemInstruction(List<Message> messages) {
        ArrayNode parts = NODES.arrayNode();
        for (Message message : messages) {
            if (message instanceof SystemMessage system) {
                system.content().forEach(block -> parts.add(inputPart(block, system)));
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        ObjectNode instruction = NODES.objectNode();
        instruction.set("parts", parts);
        // as Google's SDK sends it; the API ignores the role of system instructions
        instruction.put("role", "user");
        return instruction;
    }

    /**
     * The turns, roles {@code user} and {@code model}; consecutive messages of one role (the results of parallel
     * function calls, then user text) form one turn, as Gemini wants one response part per call in a turn.
     */
    private static ArrayNode contents(List<Message> messages) {
        ArrayNode contents = NODES.arrayNode();
        Map<String, String> toolNames = new HashMap<>();
        ObjectNode last = null;
        for (Message message : messages) {
            if (message instanceof SystemMessage) {
                continue;
            }
            String role = message instanceof AIMessage ? "model" : "user";
            ArrayNode parts;
            if (message instanceof AIMessage ai) {
                ai.toolCalls().forEach(call -> toolNames.put(call.id(), call.name()));
                parts = modelParts(ai);
            } else if (message instanceof ToolMessage tool) {
                parts = NODES.arrayNode().add(functionResponse(tool, toolNames));
                tool.content().stream().filter(block -> !(block instanceof TextBlock))
                        .forEach(block -> parts.add(inputPart(block, tool)));
            } else {
                parts = NODES.arrayNode();
                for (ContentBlock block : ((HumanMessage) message).content()) {
                    parts.add(inputPart(block, message));
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            if (last != null && last.get("role").asText().equals(role)) {
                ((ArrayNode) last.get("parts")).addAll(parts);
            } else {
                last = contents.addObject();
                last.set("parts", parts);
                last.put("role", role);
            }
        }
        return contents;
    }

    /** A part of user, system or tool-result content. */
    private static JsonNode inputPart(ContentBlock block, Message message) {
        if (block instanceof TextBlock text) {
            return NODES.objectNode().put("text", text.text());
        }
        if (block instanceof PlainTextBlock document) {
            return NODES.objectNode().put("text", document.text());
        }
        if (block instanceof DataBlock data) {
            return dataPart(data);
        }
        if (block instanceof NonStandardBlock nonStandard) {
            // already a Gemini part
            return Jackson.MAPPER.valueToTree(nonStandard.value());
        }
        throw new IllegalArgumentException(
                "Gemini does not accept a " + block.type() + " block in a " + message.role().wireName() + " message");
    }

    /** Data inline ({@code inlineData}, base64) or by URI ({@code fileData}: a Files API, Cloud Storage or web URI). */
    private static ObjectNode dataPart(DataBlock data) {
        ObjectNode part = NODES.objectNode();
        if (data.base64() != null) {
            ObjectNode inline = part.putObject("inlineData");
            inline.put("mimeType", data.mimeType());
            inline.put("data", data.base64());
            return part;
        }
        ObjectNode file = part.putObject("fileData");
        if (data.mimeType() != null) {
            file.put("mimeType", data.mimeType());
        }
        file.put("fileUri", data.url() != null ? data.url() : data.fileId());
        return part;
    }

    /**
     * The parts of a model turn, in the order of its content, then the tool calls the content does not hold. Thought
     * signatures go back on the part they came with: a function call's by its id, any other on the part after it (or,
     * for one that came last, as a stream may send it, on the part before it).
     */
    private static ArrayNode modelParts(AIMessage message) {
        List<ContentBlock> blocks = new ArrayList<>(message.content());
        message.toolCalls().stream().filter(call -> !blocks.contains(call)).forEach(blocks::add);
        message.invalidToolCalls().stream().filter(call -> !blocks.contains(call)).forEach(blocks::add);
        Map<String, String> callSignatures = new HashMap<>();
        for (ContentBlock block : blocks) {
            if (block instanceof ReasoningBlock reasoning && reasoning.extras().get(GeminiParts.TOOL_CALL_ID) != null) {
                callSignatures.put(reasoning.extras().get(GeminiParts.TOOL_CALL_ID).toString(),
                        String.valueOf(reasoning.extras().get(GeminiParts.THOUGHT_SIGNATURE)));
            }
        }
        ArrayNode parts = NODES.arrayNode();
        String pending = null;
        for (ContentBlock block : blocks) {
            if (block instanceof ReasoningBlock reasoning) {
                Object signature = reasoning.extras().get(GeminiParts.THOUGHT_SIGNATURE);
                if (!reasoning.reasoning().isEmpty()) {
                    ObjectNode thought = NODES.objectNode().put("text", reasoning.reasoning()).put("thought", true);
                    if (signature != null) {
                        thought.put("thoughtSignature", signature.toString());
                    }
                    parts.add(thought);
                } else if (signature != null && !reasoning.extras().containsKey(GeminiParts.TOOL_CALL_ID)) {
                    pending = signature.toString();
                }
                // reasoning of other providers has no signature Gemini could check, and is left out
                continue;
            }
            ObjectNode part = modelPart(block);
            if (part == null) {
                continue;
            }
            String signature = block instanceof ToolCall call ? callSignatures.get(call.id()) : null;
            if (signature == null && pending != null && !part.has("functionCall")) {
                signature = pending;
                pending = null;
            }
            if (signature != null) {
                part.put("thoughtSignature", signature);
            }
            parts.add(part);
        }
        if (pending != null && !parts.isEmpty() && !parts.get(parts.size() - 1).has("thoughtSignature")) {
            ((ObjectNode) parts.get(parts.size() - 1)).put("thoughtSignature", pending);
        }
        return parts;
    }

    /** A part of a model turn, or {@code null} for one Gemini cannot take back. */
    private static ObjectNode modelPart(ContentBlock block) {
        if (block instanceof TextBlock text) {
            return text.text().isEmpty() ? null : NODES.objectNode().put("text", text.text());
        }
        if (block instanceof ToolCall call) {
            return functionCall(call.id(), call.name(), Jackson.MAPPER.valueToTree(call.args()));
        }
        if (block instanceof InvalidToolCall call) {
            // Kept so that the result answering it still has its call; the arguments are best effort.
            JsonNode args = PartialJson.parse(call.args() == null ? "" : call.args());
            return functionCall(call.id(), call.name(), args != null && args.isObject() ? args : NODES.objectNode());
        }
        if (block instanceof DataBlock data) {
            return dataPart(data);
        }
        if (block instanceof NonStandardBlock nonStandard) {
            return Jackson.MAPPER.valueToTree(nonStandard.value());
        }
        throw new IllegalArgumentException("Gemini does not accept a " + block.type() + " block in an assistant message");
    }

    private static ObjectNode functionCall(String id, String name, JsonNode args) {
        ObjectNode part = NODES.objectNode();
        ObjectNode call = part.putObject("functionCall");
        call.set("args", args);
        if (id != null) {
            call.put("id", id);
        }
        call.put("name", name);
        return part;
    }

    /**
     * A tool's result. Gemini wants an object: a result that is a JSON object goes as it is; other text as
     * {@code {"output": text}}, or {@code {"error": text}} for a failed tool, the keys Google documents.
     */
    private static ObjectNode functionResponse(ToolMessage tool, Map<String, String> toolNames) {
        String name = tool.name() != null ? tool.name() : toolNames.get(tool.toolCallId());
        if (name == null) {
            throw new IllegalArgumentException("Gemini needs the name of the tool that tool result " + tool.toolCallId()
                    + " answers: give the tool message a name, or keep the AI message that called it before it");
        }
        StringBuilder text = new StringBuilder();
        tool.content().stream().filter(TextBlock.class::isInstance).forEach(block -> text.append(((TextBlock) block).text()));
        ObjectNode response;
        if (tool.status() == ToolMessage.Status.ERROR) {
            response = NODES.objectNode().put("error", text.toString());
        } else {
            ObjectNode object = jsonObjectOrNull(text.toString());
            response = object != null ? object : NODES.objectNode().put("output", text.toString());
        }
        ObjectNode part = NODES.objectNode();
        ObjectNode result = part.putObject("functionResponse");
        if (tool.toolCallId() != null) {
            result.put("id", tool.toolCallId());
        }
        result.put("name", name);
        result.set("response", response);
        return part;
    }

    private static ObjectNode jsonObjectOrNull(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = Jackson.MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Function declarations with JSON Schema parameters, then the built-in tools as given (e.g. {@code googleSearch}). */
    private static ArrayNode tools(List<ToolSpecification> specifications) {
        ArrayNode tools = NODES.arrayNode();
        ArrayNode declarations = NODES.arrayNode();
        List<JsonNode> builtIns = new ArrayList<>();
        for (ToolSpecification tool : specifications) {
            if (tool.isBuiltIn()) {
                builtIns.add(Jackson.MAPPER.valueToTree(tool.builtIn()));
                continue;
            }
            ObjectNode declaration = declarations.addObject();
            if (tool.description() != null) {
                declaration.put("description", tool.description());
            }
            declaration.put("name", tool.name());
            if (tool.parameters() != null) {
                declaration.set("parametersJsonSchema", tool.parameters());
            }
        }
        if (!declarations.isEmpty()) {
            tools.addObject().set("functionDeclarations", declarations);
        }
        builtIns.forEach(tools::add);
        return tools;
    }

    /** {@code AUTO}, {@code ANY} and {@code NONE} as they are; one named tool as {@code ANY} of that one name. */
    private static ObjectNode toolConfig(ToolChoice choice) {
        ObjectNode functionCalling = NODES.objectNode();
        switch (choice.mode()) {
            case AUTO -> functionCalling.put("mode", "AUTO");
            case ANY -> functionCalling.put("mode", "ANY");
            case NONE -> functionCalling.put("mode", "NONE");
            case TOOL -> {
                functionCalling.putArray("allowedFunctionNames").add(choice.toolName());
                functionCalling.put("mode", "ANY");
            }
        }
        ObjectNode config = NODES.objectNode();
        config.set("functionCallingConfig", functionCalling);
        return config;
    }
}
