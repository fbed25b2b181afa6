package dev.chatmodels.provider.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamEvent;

/**
 * Decodes a Responses API stream by its event types: text deltas and citations ({@code response.output_text.*}),
 * reasoning summary deltas, function calls (the item, then its argument deltas), finished built-in tool calls
 * ({@code response.output_item.done}), and {@code response.completed} / {@code response.incomplete} with usage and
 * the finish reason, the final event. {@code error} and {@code response.failed} events throw.
 * <p>
 * Every block carries its item's {@code output_index}, so the pieces of one item merge into one block when chunks are
 * summed. The response id and model name come once, from {@code response.created}, since metadata strings concatenate.
 */
final class OpenAiResponsesStreamDecoder implements StreamDecoder {

    /** What separates the parts of a reasoning summary. */
    static final String SUMMARY_SEPARATOR = "\n\n";

    private final String provider;
    private boolean callsFunctions;
    private boolean complete;

    OpenAiResponsesStreamDecoder(String provider) {
        this.provider = provider;
    }

    @Override
    public List<AIMessageChunk> decode(StreamEvent event) {
        String data = event.data();
        if (complete || data == null || data.isBlank()) {
            return List.of();
        }
        JsonNode json = parse(data);
        AnswerShape.ofStreamEvent(provider).require(json, AnswerShape.OBJECT, "the data", "a JSON object");
        Integer index = json.hasNonNull("output_index") ? json.get("output_index").asInt() : null;
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCallChunk> toolCalls = new ArrayList<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        JsonNode response = json.path("response");
        String responseId = null;
        switch (json.path("type").asText()) {
            case "response.created" -> {
                metadata.putAll(OpenAiResponseDecoder.metadata(response));
                responseId = OpenAiResponseDecoder.text(response.get("id"));
            }
            case "response.output_text.delta" -> content.add(new TextBlock(json.path("delta").asText(), List.of(), index,
                    null));
            case "response.output_text.annotation.added" -> content.add(new TextBlock("",
                    OpenAiResponsesDecoder.annotations(Jackson.MAPPER.createArrayNode().add(json.path("annotation"))),
                    index, null));
            case "response.refusal.delta" -> content.add(OpenAiResponseDecoder.refusal(json.path("delta").asText(), index));
            case "response.reasoning_summary_part.added" -> {
                if (json.path("summary_index").asInt() > 0) {
                    content.add(new ReasoningBlock(SUMMARY_SEPARATOR, Map.of(), index, null));
                }
            }
            case "response.reasoning_summary_text.delta" -> content.add(new ReasoningBlock(json.path("delta").asText(),
                    Map.of(), index, null));
            case "response.function_call_arguments.delta" -> toolCalls.add(new ToolCallChunk(null, null,
                    json.path("delta").asText(), index));
            case "response.output_item.added" -> itemAdded(json.path("item"), index, toolCalls);
            case "response.output_item.done" -> itemDone(json.path("item"), index, content);
            case "response.completed", "response.incomplete" -> {
                complete = true;
                OpenAiResponsesDecoder.putFinishReason(response, callsFunctions, metadata);
                return List.of(new AIMessageChunk(content, toolCalls,
                        OpenAiResponsesDecoder.usage(response.get("usage")), metadata, null));
            }
            case "response.failed" -> throw OpenAiErrorDecoder.inBody(provider, response.path("error"));
            case "error" -> throw OpenAiErrorDecoder.inBody(provider, json.has("error") ? json.get("error") : json);
            default -> {
                // in-progress and done events repeat what the deltas said
            }
        }
        if (content.isEmpty() && toolCalls.isEmpty() && metadata.isEmpty()) {
            return List.of();
        }
        return List.of(new AIMessageChunk(content, toolCalls, null, metadata, responseId));
    }

    /** A function call starts with its id and name; its arguments follow as deltas. */
    private void itemAdded(JsonNode item, Integer index, List<ToolCallChunk> toolCalls) {
        if (item.path("type").asText().equals("function_call")) {
            callsFunctions = true;
            toolCalls.add(new ToolCallChunk(OpenAiResponseDecoder.text(item.get("call_id")),
                    OpenAiResponseDecoder.text(item.get("name")), "", index));
        }
    }

    /**
     * A finished reasoning item gives its id and encrypted content (its text came as deltas); a finished built-in tool
     * call gives its call and result blocks.
     */
    private static void itemDone(JsonNode item, Integer index, List<ContentBlock> content) {
        switch (item.path("type").asText()) {
            case "reasoning" -> content.add(OpenAiResponsesDecoder.reasoning(item, "", index));
            case "message", "function_call" -> {
                // their content came as deltas
            }
            default -> {
                for (ContentBlock block : OpenAiResponsesDecoder.serverTool(item, index)) {
                    content.add(block instanceof ServerToolCall call
                            ? new ServerToolCallChunk(call.id(), call.name(), json(call.args()), index)
                            : block);
                }
            }
        }
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    private static String json(Object value) {
        try {
            return Jackson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String data) {
        try {
            return Jackson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw OpenAiErrorDecoder.invalidEvent(provider, data, e);
        }
    }
}
