package dev.chatmodels.provider.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.usage.UsageMetadata;

/** Reads Converse answers: content blocks, stop reason, usage and metrics. */
final class BedrockResponseDecoder {

    /** The key of a reasoning block's signature in {@link ReasoningBlock#extras()}. */
    static final String SIGNATURE = "signature";
    /** The key of redacted reasoning's encrypted content (base64) in {@link ReasoningBlock#extras()}. */
    static final String REDACTED_CONTENT = "redactedContent";
    /** The response metadata key of the server-side latency Bedrock reports, in milliseconds. */
    static final String LATENCY_MS = "latency_ms";
    /** The response metadata key of the model-specific fields asked for with {@code additionalModelResponseFieldPaths}. */
    static final String ADDITIONAL_FIELDS = "additional_model_response_fields";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private BedrockResponseDecoder() {
    }

    static AIMessage decode(JsonNode response) {
        AnswerShape shape = AnswerShape.ofAnswer(BedrockErrorDecoder.PROVIDER);
        shape.require(response, AnswerShape.OBJECT, "the body", "a JSON object");
        JsonNode message = shape.require(response.path("output").get("message"), AnswerShape.OBJECT, "output.message",
                "an object");
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCall> toolCalls = new ArrayList<>();
        for (JsonNode block : shape.require(message.get("content"), AnswerShape.ARRAY, "output.message.content",
                "a list of blocks")) {
            ContentBlock decoded = block(shape, block);
            content.add(decoded);
            if (decoded instanceof ToolCall call) {
                toolCalls.add(call);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>(stop(response));
        metadata.putAll(metrics(response.path("metrics")));
        return new AIMessage(content, toolCalls, List.of(), usage(response.path("usage")), metadata, null);
    }

    private static ContentBlock block(AnswerShape shape, JsonNode block) {
        shape.require(block, AnswerShape.OBJECT, "a content block", "an object");
        if (block.has("text")) {
            return new TextBlock(shape.require(block.get("text"), AnswerShape.TEXT, "a text block's text", "text").asText(),
                    List.of(), null, null);
        }
        JsonNode toolUse = block.get("toolUse");
        if (toolUse != null && toolUse.isObject()) {
            return new ToolCall(text(toolUse, "toolUseId"), text(toolUse, "name"), map(toolUse.path("input")));
        }
        JsonNode reasoning = block.get("reasoningContent");
        if (reasoning != null && reasoning.isObject()) {
            return reasoning(reasoning, null);
        }
        // citations, guard content, images... kept as they came
        return new NonStandardBlock(map(block), null);
    }

    /** A reasoning block ({@code reasoningText} with its signature) or redacted reasoning, whole or as a stream delta. */
    static ReasoningBlock reasoning(JsonNode reasoning, Integer index) {
        if (reasoning.hasNonNull(REDACTED_CONTENT)) {
            return new ReasoningBlock("", Map.of(REDACTED_CONTENT, reasoning.get(REDACTED_CONTENT).asText()), index, null);
        }
        // an answer nests text and signature in reasoningText; a stream delta carries either directly
        JsonNode text = reasoning.has("reasoningText") ? reasoning.get("reasoningText") : reasoning;
        String signature = text(text, SIGNATURE);
        return new ReasoningBlock(text.path("text").asText(), signature == null ? Map.of() : Map.of(SIGNATURE, signature),
                index, null);
    }

    /**
     * The usage of an answer. Bedrock counts cached prompt tokens apart from {@code inputTokens}; like the reference,
     * the input total here includes them, with the cache reads and writes as details.
     */
    static UsageMetadata usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        Long cacheRead = optionalLong(usage, "cacheReadInputTokens");
        Long cacheWrite = optionalLong(usage, "cacheWriteInputTokens");
        long input = usage.path("inputTokens").asLong() + orZero(cacheRead) + orZero(cacheWrite);
        long output = usage.path("outputTokens").asLong();
        UsageMetadata.InputTokenDetails details = cacheRead == null && cacheWrite == null ? null
                : new UsageMetadata.InputTokenDetails(null, cacheWrite, cacheRead);
        return new UsageMetadata(input, output, input + output, details, null);
    }

    /** Why the answer ended, normalised and in Bedrock's words, and the model-specific response fields asked for. */
    static Map<String, Object> stop(JsonNode message) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        String stopReason = text(message, "stopReason");
        FinishReason.put(metadata, stopReason, stopReason == null ? null : finishReason(stopReason));
        JsonNode additional = message.path("additionalModelResponseFields");
        if (additional.isObject()) {
            metadata.put(ADDITIONAL_FIELDS, map(additional));
        }
        return metadata;
    }

    static Map<String, Object> metrics(JsonNode metrics) {
        JsonNode latency = metrics.path("latencyMs");
        return latency.isNumber() ? Map.of(LATENCY_MS, latency.asLong()) : Map.of();
    }

    static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            case "malformed_model_output", "malformed_tool_use" -> FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
    }

    static Map<String, Object> map(JsonNode node) {
        return node.isObject() ? Jackson.MAPPER.convertValue(node, MAP) : Map.of();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asLong();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
