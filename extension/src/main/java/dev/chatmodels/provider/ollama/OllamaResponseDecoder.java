package dev.chatmodels.provider.ollama;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Reads {@code /api/chat} answers: {@code message.thinking} as a reasoning block, {@code message.content} as text,
 * {@code message.tool_calls} as tool calls, {@code prompt_eval_count}/{@code eval_count} as usage and
 * {@code done_reason} as the finish reason.
 */
final class OllamaResponseDecoder {

    /** The response metadata key of the time the answer was made. */
    static final String CREATED_AT = "created_at";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private OllamaResponseDecoder() {
    }

    static AIMessage decode(JsonNode response) {
        AnswerShape shape = AnswerShape.ofAnswer(OllamaErrorDecoder.PROVIDER);
        shape.require(response, AnswerShape.OBJECT, "the body", "a JSON object");
        throwIfError(response);
        JsonNode message = shape.require(response.get("message"), AnswerShape.OBJECT, "message", "an object");
        List<ContentBlock> content = new ArrayList<>();
        String thinking = text(shape, message, "thinking");
        if (!thinking.isEmpty()) {
            content.add(new ReasoningBlock(thinking, Map.of(), null, null));
        }
        String text = text(shape, message, "content");
        if (!text.isEmpty()) {
            content.add(TextBlock.of(text));
        }
        List<ToolCall> toolCalls = toolCalls(shape, message, response, 0);
        content.addAll(toolCalls);
        Map<String, Object> metadata = identity(response);
        metadata.putAll(finish(response, !toolCalls.isEmpty()));
        return new AIMessage(content, toolCalls, List.of(), usage(response), metadata, null);
    }

    /** An answer or stream line that is {@code {"error": ...}} fails with that error. */
    static void throwIfError(JsonNode answer) {
        ProviderError error = OllamaErrorDecoder.inAnswer(answer);
        if (error != null) {
            throw ProviderException.of(error);
        }
    }

    /** A text field of {@code message}; empty when absent. */
    static String text(AnswerShape shape, JsonNode message, String field) {
        return shape.require(message.get(field), AnswerShape.optional(AnswerShape.TEXT), "message." + field, "text")
                .asText("");
    }

    /**
     * The calls of {@code message}, their arguments JSON objects. Ollama gives a call an id only in recent versions:
     * without one, a call is named after the answer's (or stream line's) time and its place in the answer, so every
     * decoding of the same answer names it alike.
     */
    static List<ToolCall> toolCalls(AnswerShape shape, JsonNode message, JsonNode answer, int firstPlace) {
        JsonNode calls = shape.require(message.get("tool_calls"), AnswerShape.optional(AnswerShape.ARRAY),
                "message.tool_calls", "a list");
        List<ToolCall> decoded = new ArrayList<>();
        int place = firstPlace;
        for (JsonNode call : calls) {
            JsonNode function = shape.require(call.get("function"), AnswerShape.OBJECT, "a tool call's function",
                    "an object");
            String name = shape.require(function.get("name"), AnswerShape.TEXT, "a tool call's name", "text").asText();
            JsonNode arguments = shape.require(function.get("arguments"), AnswerShape.optional(AnswerShape.OBJECT),
                    "a tool call's arguments", "an object");
            String id = call.hasNonNull("id") ? call.get("id").asText()
                    : "call_" + Integer.toHexString(answer.path(CREATED_AT).asText().hashCode()) + "_" + place;
            decoded.add(new ToolCall(id, name, arguments.isObject() ? Jackson.MAPPER.convertValue(arguments, MAP) : Map.of()));
            place++;
        }
        return decoded;
    }

    /** The usage of a final answer; {@code null} when it has no counts. */
    static UsageMetadata usage(JsonNode answer) {
        if (!answer.has("prompt_eval_count") && !answer.has("eval_count")) {
            return null;
        }
        // Ollama leaves prompt_eval_count out when the whole prompt came from its cache
        long input = answer.path("prompt_eval_count").asLong();
        long output = answer.path("eval_count").asLong();
        return new UsageMetadata(input, output, input + output, null, null);
    }

    /** The model name and the time the answer was made. */
    static Map<String, Object> identity(JsonNode answer) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (answer.hasNonNull("model")) {
            metadata.put(ResponseMetadata.MODEL_NAME, answer.get("model").asText());
        }
        if (answer.hasNonNull(CREATED_AT)) {
            metadata.put(CREATED_AT, answer.get(CREATED_AT).asText());
        }
        return metadata;
    }

    /**
     * Why a final answer ended. Ollama says {@code stop} also when the model called tools; an answer without a
     * {@code done_reason} (older servers, Ollama's cloud) ended as {@code stop} too.
     */
    static Map<String, Object> finish(JsonNode answer, boolean calledTools) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (!answer.path("done").asBoolean()) {
            return metadata;
        }
        String reason = answer.hasNonNull("done_reason") ? answer.get("done_reason").asText() : "stop";
        FinishReason normalised = switch (reason) {
            case "stop" -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
        FinishReason.put(metadata, reason, normalised);
        return metadata;
    }
}
