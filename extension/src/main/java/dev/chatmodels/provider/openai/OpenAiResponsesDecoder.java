package dev.chatmodels.provider.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.json.PartialJson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Reads Responses API answers: the {@code output} items become content blocks ({@code message} text with its
 * citations, {@code reasoning} summaries, {@code function_call}s as tool calls, built-in tool calls such as
 * {@code web_search_call} as server tool call and result blocks), with usage, metadata and a finish reason made of the
 * response's {@code status}. The pieces are shared with {@link OpenAiResponsesStreamDecoder}.
 */
final class OpenAiResponsesDecoder {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Item fields that say what a built-in tool call is, not what it was asked to do. */
    private static final List<String> CALL_BOOKKEEPING = List.of("id", "type", "status");
    /** Item fields that hold a built-in tool call's result. */
    private static final List<String> RESULT_FIELDS = List.of("result", "results", "outputs", "output", "error");

    private OpenAiResponsesDecoder() {
    }

    static AIMessage decode(String provider, JsonNode response) {
        AnswerShape shape = AnswerShape.ofAnswer(provider);
        shape.require(response, AnswerShape.OBJECT, "the body", "a JSON object");
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw OpenAiErrorDecoder.inBody(provider, error);
        }
        JsonNode output = shape.require(response.get("output"), AnswerShape.ARRAY, "output", "a list");
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCall> toolCalls = new ArrayList<>();
        List<InvalidToolCall> invalid = new ArrayList<>();
        for (JsonNode item : output) {
            shape.require(item, AnswerShape.OBJECT, "output[]", "an object");
            switch (item.path("type").asText()) {
                case "message" -> content.addAll(messageContent(item, null));
                case "reasoning" -> content.add(reasoning(item, summary(item), null));
                case "function_call" -> functionCall(item, toolCalls, invalid);
                default -> content.addAll(serverTool(item, null));
            }
        }
        Map<String, Object> metadata = OpenAiResponseDecoder.metadata(response);
        putFinishReason(response, !toolCalls.isEmpty() || !invalid.isEmpty(), metadata);
        putLogprobs(output, metadata);
        return new AIMessage(content, toolCalls, invalid, usage(response.get("usage")), metadata,
                OpenAiResponseDecoder.text(response.get("id")));
    }

    /** The text parts of a {@code message} item, with their citations; a refusal as a refusal block. */
    static List<ContentBlock> messageContent(JsonNode item, Integer index) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode part : item.path("content")) {
            switch (part.path("type").asText()) {
                case "output_text" -> blocks.add(new TextBlock(part.path("text").asText(),
                        annotations(part.get("annotations")), index, null));
                case "refusal" -> blocks.add(OpenAiResponseDecoder.refusal(part.path("refusal").asText(), index));
                default -> blocks.add(new NonStandardBlock(Jackson.MAPPER.convertValue(part, MAP), index));
            }
        }
        return blocks;
    }

    /** The summary parts of a reasoning item, one paragraph each. */
    static String summary(JsonNode item) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : item.path("summary")) {
            if (!text.isEmpty()) {
                text.append(OpenAiResponsesStreamDecoder.SUMMARY_SEPARATOR);
            }
            text.append(part.path("text").asText());
        }
        return text.toString();
    }

    /** A reasoning block with the item's id and encrypted content, which go back to OpenAI in the next turn. */
    static ReasoningBlock reasoning(JsonNode item, String text, Integer index) {
        String encrypted = OpenAiResponseDecoder.text(item.get(OpenAiResponsesRequestEncoder.ENCRYPTED_CONTENT));
        return new ReasoningBlock(text,
                encrypted == null ? Map.of() : Map.of(OpenAiResponsesRequestEncoder.ENCRYPTED_CONTENT, encrypted), index,
                OpenAiResponseDecoder.text(item.get("id")));
    }

    /**
     * A built-in tool's call item ({@code web_search_call}, {@code file_search_call}, {@code code_interpreter_call},
     * {@code image_generation_call}, {@code mcp_call}...) as a server tool call named after the tool, with the item's
     * request fields as arguments, and a server tool result when the item holds a result or has finished. Other items
     * are kept as they came.
     */
    static List<ContentBlock> serverTool(JsonNode item, Integer index) {
        String type = item.path("type").asText();
        if (!type.endsWith("_call")) {
            return List.of(new NonStandardBlock(Jackson.MAPPER.convertValue(item, MAP), index));
        }
        String id = OpenAiResponseDecoder.text(item.get("id"));
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>();
        item.fields().forEachRemaining(field -> {
            if (RESULT_FIELDS.contains(field.getKey())) {
                if (!field.getValue().isNull()) {
                    result.put(field.getKey(), Jackson.MAPPER.convertValue(field.getValue(), Object.class));
                }
            } else if (!CALL_BOOKKEEPING.contains(field.getKey())) {
                args.put(field.getKey(), Jackson.MAPPER.convertValue(field.getValue(), Object.class));
            }
        });
        String name = type.substring(0, type.length() - "_call".length());
        String status = item.path("status").asText();
        List<ContentBlock> blocks = new ArrayList<>(2);
        blocks.add(new ServerToolCall(id, name, args));
        if (!result.isEmpty() || status.equals("completed") || status.equals("failed")) {
            result.put("status", status);
            blocks.add(new ServerToolResult(id,
                    status.equals("failed") || result.containsKey("error") ? ServerToolResult.Status.ERROR
                            : ServerToolResult.Status.SUCCESS,
                    result, index, null));
        }
        return blocks;
    }

    /** A {@code function_call} item: its {@code call_id} is what the tool result answers. */
    private static void functionCall(JsonNode item, List<ToolCall> valid, List<InvalidToolCall> invalid) {
        String id = OpenAiResponseDecoder.text(item.get("call_id"));
        String name = OpenAiResponseDecoder.text(item.get("name"));
        String raw = item.path("arguments").asText("");
        PartialJson.ObjectResult parsed = PartialJson.parseCompleteObject(raw);
        if (parsed.value() != null) {
            valid.add(new ToolCall(id, name, parsed.value()));
        } else {
            invalid.add(new InvalidToolCall(id, name, raw, parsed.error()));
        }
    }

    /**
     * Citations in standard form: a {@code url_citation} becomes a {@code citation} with url, title, start_index and
     * end_index; other annotations (file citations...) are kept as they came.
     */
    static List<Map<String, Object>> annotations(JsonNode annotations) {
        if (annotations == null || !annotations.isArray() || annotations.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> standard = new ArrayList<>(annotations.size());
        for (JsonNode annotation : annotations) {
            Map<String, Object> value = new LinkedHashMap<>(Jackson.MAPPER.convertValue(annotation, MAP));
            if ("url_citation".equals(value.get("type"))) {
                value.put("type", "citation");
            }
            standard.add(value);
        }
        return standard;
    }

    /**
     * The finish reason of a response: OpenAI's word is its {@code status}, or the {@code incomplete_details} reason of
     * an incomplete one; a completed response that calls functions asks for tool calls.
     */
    static void putFinishReason(JsonNode response, boolean callsFunctions, Map<String, Object> metadata) {
        String status = OpenAiResponseDecoder.text(response.get("status"));
        String incomplete = OpenAiResponseDecoder.text(response.path("incomplete_details").get("reason"));
        String word = incomplete != null ? incomplete : status;
        FinishReason reason = switch (word == null ? "" : word) {
            case "completed" -> callsFunctions ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "max_output_tokens" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "failed" -> FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
        FinishReason.put(metadata, word, reason);
    }

    /**
     * The log probabilities of the output text, when asked for ({@code include: ["message.output_text.logprobs"]}), in
     * the Chat Completions shape: {@code {"content": [{token, logprob, bytes, top_logprobs}...]}}.
     */
    private static void putLogprobs(JsonNode output, Map<String, Object> metadata) {
        List<Object> tokens = new ArrayList<>();
        for (JsonNode item : output) {
            for (JsonNode part : item.path("content")) {
                part.path("logprobs").forEach(token -> tokens.add(Jackson.MAPPER.convertValue(token, MAP)));
            }
        }
        if (!tokens.isEmpty()) {
            metadata.put(ResponseMetadata.LOGPROBS, Map.of("content", tokens));
        }
    }

    /** Token usage with cached and reasoning tokens; {@code null} when the answer has none. */
    static UsageMetadata usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long input = usage.path("input_tokens").asLong();
        long output = usage.path("output_tokens").asLong();
        JsonNode total = usage.get("total_tokens");
        JsonNode cached = usage.path("input_tokens_details").get("cached_tokens");
        JsonNode reasoning = usage.path("output_tokens_details").get("reasoning_tokens");
        return new UsageMetadata(input, output, total != null && total.isNumber() ? total.asLong() : input + output,
                cached != null && cached.isNumber() ? new UsageMetadata.InputTokenDetails(null, null, cached.asLong())
                        : null,
                reasoning != null && reasoning.isNumber()
                        ? new UsageMetadata.OutputTokenDetails(null, reasoning.asLong())
                        : null);
    }
}
