package dev.chatmodels.provider.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.json.PartialJson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Reads Chat Completions answers: the message of the first choice, usage and metadata. The pieces are shared with
 * {@link OpenAiStreamDecoder}, which reads the same fields from stream deltas.
 */
final class OpenAiResponseDecoder {

    /** The {@code type} of the non-standard block that holds a refusal. */
    static final String REFUSAL = "refusal";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private OpenAiResponseDecoder() {
    }

    static AIMessage decode(String provider, JsonNode response) {
        AnswerShape shape = AnswerShape.ofAnswer(provider);
        shape.require(response, AnswerShape.OBJECT, "the body", "a JSON object");
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            // Some OpenAI-compatible servers answer 200 with an error object.
            throw OpenAiErrorDecoder.inBody(provider, error);
        }
        JsonNode choices = shape.require(response.get("choices"), node -> node.isArray() && !node.isEmpty(), "choices",
                "a non-empty array");
        JsonNode choice = firstChoice(shape, choices);
        if (choice.isMissingNode()) {
            throw shape.malformed("no choice has index 0");
        }
        JsonNode message = shape.require(choice.get("message"), AnswerShape.OBJECT, "choices[0].message", "an object");
        checkMessage(shape, message, "choices[0].message");
        List<ContentBlock> content = new ArrayList<>();
        String reasoning = reasoning(message);
        if (reasoning != null && !reasoning.isEmpty()) {
            content.add(ReasoningBlock.of(reasoning));
        }
        content.addAll(content(message.get("content"), annotations(message.get("annotations")), null, null));
        String refusal = text(message.get("refusal"));
        if (refusal != null) {
            content.add(refusal(refusal, null));
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        List<InvalidToolCall> invalid = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            toolCall(call, toolCalls, invalid, content);
        }
        Map<String, Object> metadata = metadata(response);
        putFinishReasonAndLogprobs(choice, metadata);
        return new AIMessage(content, toolCalls, invalid, usage(response.get("usage")), metadata,
                text(response.get("id")));
    }

    /** The choice with index 0 (this library asks for one answer), or a missing node; every choice is an object. */
    static JsonNode firstChoice(AnswerShape shape, JsonNode choices) {
        for (JsonNode choice : choices) {
            shape.require(choice, AnswerShape.OBJECT, "a choice", "an object");
            if (choice.path("index").asInt(0) == 0) {
                return choice;
            }
        }
        return MissingNode.getInstance();
    }

    /**
     * Checks the fields of a message or stream delta that make the answer: text or parts for {@code content}, text
     * for {@code refusal}, a list of objects for {@code tool_calls}.
     */
    static void checkMessage(AnswerShape shape, JsonNode message, String where) {
        JsonNode content = shape.require(message.get("content"), AnswerShape.optional(AnswerShape.TEXT.or(AnswerShape.ARRAY)),
                where + ".content", "text or a list of parts");
        content.forEach(part -> shape.require(part, AnswerShape.OBJECT, where + ".content[]", "an object"));
        shape.require(message.get("refusal"), AnswerShape.optional(AnswerShape.TEXT), where + ".refusal", "text");
        JsonNode toolCalls = shape.require(message.get("tool_calls"), AnswerShape.optional(AnswerShape.ARRAY),
                where + ".tool_calls", "a list");
        for (JsonNode call : toolCalls) {
            shape.require(call, AnswerShape.OBJECT, where + ".tool_calls[]", "an object");
            shape.require(call.get("function"), AnswerShape.optional(AnswerShape.OBJECT), where + ".tool_calls[].function",
                    "an object");
        }
    }

    /** The response-level metadata: id, model name, system fingerprint and service tier. */
    static Map<String, Object> metadata(JsonNode response) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        putText(metadata, ResponseMetadata.ID, response.get("id"));
        putText(metadata, ResponseMetadata.MODEL_NAME, response.get("model"));
        putText(metadata, "system_fingerprint", response.get("system_fingerprint"));
        putText(metadata, "service_tier", response.get("service_tier"));
        return metadata;
    }

    static void putFinishReasonAndLogprobs(JsonNode choice, Map<String, Object> metadata) {
        String reason = text(choice.get("finish_reason"));
        FinishReason.put(metadata, reason, finishReason(reason));
        JsonNode logprobs = choice.get("logprobs");
        if (logprobs != null && logprobs.isObject()) {
            metadata.put(ResponseMetadata.LOGPROBS, Jackson.MAPPER.convertValue(logprobs, MAP));
        }
    }

    /** The normalised reason of OpenAI's {@code finish_reason}. */
    static FinishReason finishReason(String reason) {
        return switch (reason == null ? "" : reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * The reasoning text: DeepSeek's {@code reasoning_content}, or {@code reasoning} as Ollama, OpenRouter and vLLM
     * name it.
     */
    static String reasoning(JsonNode messageOrDelta) {
        String text = text(messageOrDelta.get("reasoning_content"));
        return text != null ? text : text(messageOrDelta.get("reasoning"));
    }

    /**
     * The blocks of a {@code content} value: a string is one text block; a list of parts (Mistral's form) gives text
     * and {@code thinking} parts as text and reasoning blocks, and anything else as non-standard blocks.
     */
    static List<ContentBlock> content(JsonNode content, List<Map<String, Object>> annotations, Integer textIndex,
            Integer reasoningIndex) {
        List<ContentBlock> blocks = new ArrayList<>();
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                if (type.equals("text")) {
                    blocks.add(new TextBlock(part.path("text").asText(), List.of(), textIndex, null));
                } else if (type.equals("thinking")) {
                    blocks.add(new ReasoningBlock(thinkingText(part.get("thinking")), Map.of(), reasoningIndex, null));
                } else {
                    blocks.add(new NonStandardBlock(Jackson.MAPPER.convertValue(part, MAP), null));
                }
            }
            if (!annotations.isEmpty()) {
                blocks.add(new TextBlock("", annotations, textIndex, null));
            }
        } else {
            String text = text(content);
            if ((text != null && !text.isEmpty()) || !annotations.isEmpty()) {
                blocks.add(new TextBlock(text, annotations, textIndex, null));
            }
        }
        return blocks;
    }

    private static String thinkingText(JsonNode thinking) {
        if (thinking == null || !thinking.isArray()) {
            return thinking == null || thinking.isNull() ? "" : thinking.asText();
        }
        StringBuilder text = new StringBuilder();
        thinking.forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }

    /**
     * Annotations in standard form: a {@code url_citation} becomes a {@code citation} with url, title, start_index
     * and end_index; other annotations are kept as they came.
     */
    static List<Map<String, Object>> annotations(JsonNode annotations) {
        if (annotations == null || !annotations.isArray() || annotations.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> standard = new ArrayList<>(annotations.size());
        for (JsonNode annotation : annotations) {
            JsonNode citation = annotation.get("url_citation");
            if ("url_citation".equals(annotation.path("type").asText()) && citation != null && citation.isObject()) {
                Map<String, Object> converted = new LinkedHashMap<>();
                converted.put("type", "citation");
                converted.putAll(Jackson.MAPPER.convertValue(citation, MAP));
                standard.add(converted);
            } else {
                standard.add(Jackson.MAPPER.convertValue(annotation, MAP));
            }
        }
        return standard;
    }

    static NonStandardBlock refusal(String text, Integer index) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", REFUSAL);
        value.put(REFUSAL, text);
        return new NonStandardBlock(value, index);
    }

    static boolean isRefusal(NonStandardBlock block) {
        return REFUSAL.equals(block.value().get("type")) && block.value().get(REFUSAL) != null;
    }

    /**
     * A complete tool call: arguments that are not a JSON object make an {@link InvalidToolCall} with the raw text;
     * calls of other types than {@code function} are kept as non-standard content.
     */
    private static void toolCall(JsonNode call, List<ToolCall> valid, List<InvalidToolCall> invalid,
            List<ContentBlock> content) {
        String type = text(call.get("type"));
        JsonNode function = call.get("function");
        if (function == null || (type != null && !type.equals("function"))) {
            content.add(new NonStandardBlock(Jackson.MAPPER.convertValue(call, MAP), null));
            return;
        }
        String id = text(call.get("id"));
        String name = text(function.get("name"));
        JsonNode arguments = function.get("arguments");
        if (arguments != null && arguments.isObject()) {
            // Some compatible servers send the arguments as an object rather than a JSON string.
            valid.add(new ToolCall(id, name, Jackson.MAPPER.convertValue(arguments, MAP)));
            return;
        }
        String raw = arguments == null || arguments.isNull() ? "" : arguments.asText();
        PartialJson.ObjectResult parsed = PartialJson.parseCompleteObject(raw);
        if (parsed.value() != null) {
            valid.add(new ToolCall(id, name, parsed.value()));
        } else {
            invalid.add(new InvalidToolCall(id, name, raw, parsed.error()));
        }
    }

    /** Token usage; {@code null} when the answer has none. */
    static UsageMetadata usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long input = usage.path("prompt_tokens").asLong();
        long output = usage.path("completion_tokens").asLong();
        JsonNode total = usage.get("total_tokens");
        JsonNode prompt = usage.path("prompt_tokens_details");
        JsonNode completion = usage.path("completion_tokens_details");
        // DeepSeek reports cache hits beside the details as well.
        Long cacheRead = number(prompt.get("cached_tokens"));
        if (cacheRead == null) {
            cacheRead = number(usage.get("prompt_cache_hit_tokens"));
        }
        Long inputAudio = number(prompt.get("audio_tokens"));
        Long reasoning = number(completion.get("reasoning_tokens"));
        Long outputAudio = number(completion.get("audio_tokens"));
        return new UsageMetadata(input, output, total != null && total.isNumber() ? total.asLong() : input + output,
                cacheRead == null && inputAudio == null ? null
                        : new UsageMetadata.InputTokenDetails(inputAudio, null, cacheRead),
                reasoning == null && outputAudio == null ? null
                        : new UsageMetadata.OutputTokenDetails(outputAudio, reasoning));
    }

    private static Long number(JsonNode node) {
        return node != null && node.isNumber() ? node.asLong() : null;
    }

    /** The text of a string node; {@code null} for a missing or null node. */
    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static void putText(Map<String, Object> metadata, String key, JsonNode node) {
        String value = text(node);
        if (value != null && !value.isEmpty()) {
            metadata.put(key, value);
        }
    }
}
