package dev.chatmodels.provider.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.usage.UsageMetadata;

/** Reads Anthropic Messages answers: content blocks, citations, usage and response metadata. */
final class AnthropicResponseDecoder {

    /** The key of a thinking block's signature in {@link ReasoningBlock#extras()}. */
    static final String SIGNATURE = "signature";
    /** The key of a redacted thinking block's encrypted data in {@link ReasoningBlock#extras()}. */
    static final String REDACTED_DATA = "data";
    /** The response metadata key of the stop sequence that ended the answer. */
    static final String STOP_SEQUENCE = "stop_sequence";
    /** Server tool results are typed after their tool, e.g. {@code web_search_tool_result}. */
    static final String SERVER_TOOL_RESULT_SUFFIX = "_tool_result";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private AnthropicResponseDecoder() {
    }

    static AIMessage decode(JsonNode response) {
        AnswerShape shape = AnswerShape.ofAnswer(AnthropicErrorDecoder.PROVIDER);
        shape.require(response, AnswerShape.OBJECT, "the body", "a JSON object");
        if ("error".equals(response.path("type").asText())) {
            // an error object as the stream's error event carries it
            throw ProviderException.of(AnthropicErrorDecoder.streamError(response));
        }
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCall> toolCalls = new ArrayList<>();
        for (JsonNode block : shape.require(response.get("content"), AnswerShape.ARRAY, "content", "a list of blocks")) {
            ContentBlock decoded = block(shape, block, null);
            content.add(decoded);
            if (decoded instanceof ToolCall call) {
                toolCalls.add(call);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>(identity(response));
        metadata.putAll(stop(response));
        String id = text(response, "id");
        return new AIMessage(content, toolCalls, List.of(), usage(response.path("usage")), metadata, id);
    }

    /**
     * A content block as it appears in an answer or a stream's {@code content_block_start}; {@code index} is the
     * stream index or {@code null}. A block that is not an object with a type is malformed. A {@code tool_use} block becomes a
     * {@link ToolCall} with its full input.
     */
    static ContentBlock block(AnswerShape shape, JsonNode block, Integer index) {
        shape.require(block, AnswerShape.OBJECT, "a content block", "an object");
        String type = shape.require(block.get("type"), AnswerShape.TEXT, "a content block's type", "text").asText();
        if (type.equals("text")) {
            shape.require(block.get("text"), AnswerShape.optional(AnswerShape.TEXT), "a text block's text", "text");
        }
        switch (type) {
            case "text":
                return new TextBlock(block.path("text").asText(), annotations(block.path("citations")), index, null);
            case "thinking":
                String signature = block.path(SIGNATURE).asText();
                return new ReasoningBlock(block.path("thinking").asText(),
                        signature.isEmpty() ? Map.of() : Map.of(SIGNATURE, signature), index, null);
            case "redacted_thinking":
                return new ReasoningBlock("", Map.of(REDACTED_DATA, block.path(REDACTED_DATA).asText()), index, null);
            case "tool_use":
                return new ToolCall(text(block, "id"), text(block, "name"), map(block.path("input")));
            case "server_tool_use":
                return new ServerToolCall(text(block, "id"), text(block, "name"), map(block.path("input")));
            default:
                if (type.endsWith(SERVER_TOOL_RESULT_SUFFIX) && block.hasNonNull("tool_use_id")) {
                    return serverToolResult(block, index);
                }
                return new NonStandardBlock(map(block), index);
        }
    }

    /**
     * A server tool's result; an error shows as content typed {@code ..._error} (e.g. {@code web_search_tool_result_error}).
     */
    private static ServerToolResult serverToolResult(JsonNode block, Integer index) {
        JsonNode output = block.path("content");
        boolean error = output.isObject() && output.path("type").asText().endsWith("_error");
        return new ServerToolResult(text(block, "tool_use_id"),
                error ? ServerToolResult.Status.ERROR : ServerToolResult.Status.SUCCESS,
                Jackson.MAPPER.convertValue(output, Object.class), index, null);
    }

    static List<Map<String, Object>> annotations(JsonNode citations) {
        if (!citations.isArray() || citations.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> annotations = new ArrayList<>(citations.size());
        citations.forEach(citation -> annotations.add(citation(citation)));
        return annotations;
    }

    /**
     * A citation in standard form ({@code type: citation} with url, title, cited_text and character indexes where
     * Anthropic gives them); the original citation stays in {@code extras}.
     */
    static Map<String, Object> citation(JsonNode citation) {
        Map<String, Object> annotation = new LinkedHashMap<>();
        annotation.put("type", "citation");
        putText(annotation, "url", citation, "url");
        putText(annotation, "title", citation, citation.hasNonNull("title") ? "title" : "document_title");
        putText(annotation, "cited_text", citation, "cited_text");
        if (citation.hasNonNull("start_char_index")) {
            annotation.put("start_index", citation.get("start_char_index").asLong());
        }
        if (citation.hasNonNull("end_char_index")) {
            annotation.put("end_index", citation.get("end_char_index").asLong());
        }
        annotation.put("extras", map(citation));
        return annotation;
    }

    /**
     * The usage of an answer. Anthropic counts cached prompt tokens apart from {@code input_tokens}; like the
     * reference, the input total here includes them, with the cache reads and writes as details.
     */
    static UsageMetadata usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        Long cacheRead = optionalLong(usage, "cache_read_input_tokens");
        Long cacheCreation = optionalLong(usage, "cache_creation_input_tokens");
        long input = usage.path("input_tokens").asLong() + orZero(cacheRead) + orZero(cacheCreation);
        long output = usage.path("output_tokens").asLong();
        UsageMetadata.InputTokenDetails details = cacheRead == null && cacheCreation == null ? null
                : new UsageMetadata.InputTokenDetails(null, cacheCreation, cacheRead);
        return new UsageMetadata(input, output, input + output, details, null);
    }

    /** The model name and response id. */
    static Map<String, Object> identity(JsonNode message) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        putText(metadata, ResponseMetadata.MODEL_NAME, message, "model");
        putText(metadata, ResponseMetadata.ID, message, "id");
        return metadata;
    }

    /** Why the answer ended: the stop reason and, when a stop sequence ended it, which one. */
    static Map<String, Object> stop(JsonNode message) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        String reason = text(message, "stop_reason");
        FinishReason.put(metadata, reason, finishReason(reason));
        putText(metadata, STOP_SEQUENCE, message, STOP_SEQUENCE);
        return metadata;
    }

    /** The normalised reason of Anthropic's {@code stop_reason}. */
    static FinishReason finishReason(String reason) {
        return switch (reason == null ? "" : reason) {
            case "end_turn", "stop_sequence", "pause_turn" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
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

    static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asLong();
    }

    static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static void putText(Map<String, Object> target, String key, JsonNode node, String field) {
        String value = text(node, field);
        if (value != null) {
            target.put(key, value);
        }
    }
}
