package dev.chatmodels.provider.google;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Reads {@code generateContent} answers: the first candidate's parts (text, thoughts, function calls, inline and file
 * data), its finish reason, safety ratings and log probabilities, and the usage.
 */
final class GeminiResponseDecoder {

    /** The response metadata key of the message Gemini gives with some finish reasons. */
    static final String FINISH_MESSAGE = "finish_message";
    /** The response metadata key of the candidate's safety ratings. */
    static final String SAFETY_RATINGS = "safety_ratings";
    /** The response metadata key of the prompt feedback (why a prompt was blocked). */
    static final String PROMPT_FEEDBACK = "prompt_feedback";
    /** The response metadata key of the average log probability of the candidate's tokens. */
    static final String AVG_LOGPROBS = "avg_logprobs";
    /** The response metadata key of the grounding metadata (search queries, sources and supports). */
    static final String GROUNDING_METADATA = "grounding_metadata";

    private GeminiResponseDecoder() {
    }

    static AIMessage decode(JsonNode response) {
        AnswerShape shape = AnswerShape.ofAnswer(GeminiErrorDecoder.PROVIDER);
        shape.require(response, AnswerShape.OBJECT, "the body", "a JSON object");
        JsonNode error = GeminiErrorDecoder.errorObject(response);
        if (error != null) {
            throw ProviderException.of(GeminiErrorDecoder.inAnswer(error));
        }
        JsonNode candidate = firstCandidate(shape, response);
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCall> toolCalls = new ArrayList<>();
        String responseId = response.path("responseId").asText(null);
        for (JsonNode part : parts(shape, candidate)) {
            shape.require(part, AnswerShape.OBJECT, "a part", "an object");
            String signature = GeminiParts.signatureOf(part);
            if (part.path("thought").asBoolean() && part.has("text")) {
                content.add(GeminiParts.thought(part.path("text").asText(), signature, null));
            } else if (part.has("functionCall")) {
                ToolCall call = toolCall(shape, part.get("functionCall"), responseId, toolCalls.size());
                if (signature != null) {
                    content.add(GeminiParts.signature(signature, call.id(), null));
                }
                content.add(call);
                toolCalls.add(call);
            } else {
                if (signature != null) {
                    content.add(GeminiParts.signature(signature, null, null));
                }
                content.add(block(shape, part));
            }
        }
        Map<String, Object> metadata = identity(response);
        metadata.putAll(candidateMetadata(response, candidate, !toolCalls.isEmpty()));
        return new AIMessage(content, toolCalls, List.of(), usage(response.path("usageMetadata")), metadata,
                (String) metadata.get(ResponseMetadata.ID));
    }

    /** The first candidate, or a missing node when there is none (a blocked prompt). */
    static JsonNode firstCandidate(AnswerShape shape, JsonNode response) {
        JsonNode candidates = shape.require(response.get("candidates"), AnswerShape.optional(AnswerShape.ARRAY),
                "candidates", "a list");
        JsonNode first = candidates.path(0);
        return first.isMissingNode() ? first : shape.require(first, AnswerShape.OBJECT, "candidates[0]", "an object");
    }

    /** The parts of a candidate's content; none when it was stopped before any (e.g. for safety). */
    static JsonNode parts(AnswerShape shape, JsonNode candidate) {
        JsonNode content = shape.require(candidate.get("content"), AnswerShape.optional(AnswerShape.OBJECT),
                "candidates[0].content", "an object");
        return shape.require(content.get("parts"), AnswerShape.optional(AnswerShape.ARRAY), "candidates[0].content.parts",
                "a list");
    }

    /**
     * The {@code number}th function call (from 0) of the answer {@code responseId}, with its arguments. Gemini may give
     * no id; then the call is named after the answer and its place in it ({@code call_<responseId>_<number>}), the same
     * however often the answer is decoded, streamed or not, so that a tool result can answer it.
     */
    static ToolCall toolCall(AnswerShape shape, JsonNode call, String responseId, int number) {
        shape.require(call, AnswerShape.OBJECT, "a functionCall", "an object");
        String name = shape.require(call.get("name"), AnswerShape.TEXT, "a functionCall's name", "text").asText();
        JsonNode args = shape.require(call.get("args"), AnswerShape.optional(AnswerShape.OBJECT), "a functionCall's args",
                "an object");
        String id = call.path("id").isTextual() && !call.get("id").asText().isEmpty() ? call.get("id").asText()
                : "call_" + (responseId == null ? UUID.randomUUID().toString().replace("-", "") : responseId) + "_"
                        + number;
        return new ToolCall(id, name, GeminiParts.map(args));
    }

    /** A part that is neither a thought nor a function call: text, data, or a Gemini part kept as it is. */
    static ContentBlock block(AnswerShape shape, JsonNode part) {
        if (part.has("text")) {
            return TextBlock.of(shape.require(part.get("text"), AnswerShape.TEXT, "a part's text", "text").asText());
        }
        if (GeminiParts.isData(part)) {
            return GeminiParts.data(part);
        }
        // executableCode, codeExecutionResult and parts Gemini may add later go back as they came
        return new NonStandardBlock(GeminiParts.map(part), null);
    }

    /** The model version and response id. */
    static Map<String, Object> identity(JsonNode response) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (response.path("modelVersion").isTextual()) {
            metadata.put(ResponseMetadata.MODEL_NAME, response.get("modelVersion").asText());
        }
        if (response.path("responseId").isTextual()) {
            metadata.put(ResponseMetadata.ID, response.get("responseId").asText());
        }
        return metadata;
    }

    /**
     * Why the answer ended, with what Gemini says about it: the finish reason (or the prompt's block reason), the finish
     * message, safety ratings, log probabilities and grounding. Empty when the candidate has not finished yet.
     */
    static Map<String, Object> candidateMetadata(JsonNode response, JsonNode candidate, boolean callsTools) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        String reason = candidate.path("finishReason").asText(null);
        JsonNode feedback = response.path("promptFeedback");
        if (reason != null) {
            FinishReason.put(metadata, reason, finishReason(reason, callsTools));
        } else if (feedback.path("blockReason").isTextual()) {
            FinishReason.put(metadata, feedback.get("blockReason").asText(), FinishReason.CONTENT_FILTER);
        }
        if (feedback.isObject()) {
            metadata.put(PROMPT_FEEDBACK, GeminiParts.map(feedback));
        }
        if (candidate.path("finishMessage").isTextual()) {
            metadata.put(FINISH_MESSAGE, candidate.get("finishMessage").asText());
        }
        if (candidate.path("safetyRatings").isArray()) {
            metadata.put(SAFETY_RATINGS, Jackson.MAPPER.convertValue(candidate.get("safetyRatings"), List.class));
        }
        if (candidate.path("avgLogprobs").isNumber()) {
            metadata.put(AVG_LOGPROBS, candidate.get("avgLogprobs").asDouble());
        }
        if (candidate.path("logprobsResult").isObject()) {
            metadata.put(ResponseMetadata.LOGPROBS, GeminiLogprobs.of(candidate.get("logprobsResult")));
        }
        if (candidate.path("groundingMetadata").isObject()) {
            metadata.put(GROUNDING_METADATA, GeminiParts.map(candidate.get("groundingMetadata")));
        }
        return metadata;
    }

    /**
     * The standard reason for Gemini's. Gemini says {@code STOP} when it asks for function calls too; like OpenAI's
     * {@code tool_calls}, that is reported as {@link FinishReason#TOOL_CALLS}.
     */
    static FinishReason finishReason(String reason, boolean callsTools) {
        return switch (reason) {
            case "STOP" -> callsTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "LANGUAGE" ->
                FinishReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "MISSING_THOUGHT_SIGNATURE" ->
                FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * The usage of an answer. Like the reference, the output count includes the thinking tokens (Gemini counts them
     * apart from {@code candidatesTokenCount}) with the thinking as a reasoning detail; the input count is the prompt's,
     * cached content included as a cache-read detail, plus the prompt of server-side tool use.
     */
    static UsageMetadata usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        long input = usage.path("promptTokenCount").asLong() + usage.path("toolUsePromptTokenCount").asLong();
        Long thoughts = optionalLong(usage, "thoughtsTokenCount");
        long output = usage.path("candidatesTokenCount").asLong() + (thoughts == null ? 0 : thoughts);
        long total = usage.path("totalTokenCount").isNumber() ? usage.get("totalTokenCount").asLong() : input + output;
        Long cacheRead = optionalLong(usage, "cachedContentTokenCount");
        Long inputAudio = modalityCount(usage.path("promptTokensDetails"), "AUDIO");
        Long outputAudio = modalityCount(usage.path("candidatesTokensDetails"), "AUDIO");
        UsageMetadata.InputTokenDetails inputDetails = cacheRead == null && inputAudio == null ? null
                : new UsageMetadata.InputTokenDetails(inputAudio, null, cacheRead);
        UsageMetadata.OutputTokenDetails outputDetails = thoughts == null && outputAudio == null ? null
                : new UsageMetadata.OutputTokenDetails(outputAudio, thoughts);
        return new UsageMetadata(input, output, total, inputDetails, outputDetails);
    }

    private static Long modalityCount(JsonNode details, String modality) {
        for (JsonNode detail : details) {
            if (modality.equals(detail.path("modality").asText())) {
                return detail.path("tokenCount").asLong();
            }
        }
        return null;
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asLong();
    }
}
