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
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Decodes a Chat Completions SSE stream: {@code chat.completion.chunk} events with deltas, the usage-only chunk
 * {@code stream_options.include_usage} adds at the end, and {@code data: [DONE]}.
 * <p>
 * Text, reasoning and refusal deltas carry fixed block indexes so they merge into one block each when chunks are
 * summed; tool-call deltas carry OpenAI's own {@code index}. The response id, model name and other response-level
 * metadata go on the first chunk only, since metadata strings concatenate when chunks are summed.
 */
final class OpenAiStreamDecoder implements StreamDecoder {

    static final int TEXT_INDEX = 0;
    static final int REASONING_INDEX = 1;
    static final int REFUSAL_INDEX = 2;

    private final String provider;
    private boolean first = true;
    private boolean complete;

    OpenAiStreamDecoder(String provider) {
        this.provider = provider;
    }

    @Override
    public List<AIMessageChunk> decode(StreamEvent event) {
        String data = event.data();
        if (complete || data == null || data.isBlank()) {
            return List.of();
        }
        if (data.strip().equals("[DONE]")) {
            complete = true;
            return List.of();
        }
        JsonNode json = parse(data);
        AnswerShape shape = AnswerShape.ofStreamEvent(provider);
        shape.require(json, AnswerShape.OBJECT, "the data", "a JSON object");
        JsonNode error = json.get("error");
        if (error != null && !error.isNull()) {
            throw OpenAiErrorDecoder.inBody(provider, error);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (first) {
            first = false;
            metadata.putAll(OpenAiResponseDecoder.metadata(json));
        }
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCallChunk> toolCalls = new ArrayList<>();
        JsonNode choices = shape.require(json.get("choices"), AnswerShape.optional(AnswerShape.ARRAY), "choices",
                "a list");
        JsonNode choice = OpenAiResponseDecoder.firstChoice(shape, choices);
        if (!choice.isMissingNode()) {
            JsonNode delta = shape.require(choice.get("delta"), AnswerShape.optional(AnswerShape.OBJECT),
                    "choices[0].delta", "an object");
            OpenAiResponseDecoder.checkMessage(shape, delta, "choices[0].delta");
            String reasoning = OpenAiResponseDecoder.reasoning(delta);
            if (reasoning != null && !reasoning.isEmpty()) {
                content.add(new ReasoningBlock(reasoning, Map.of(), REASONING_INDEX, null));
            }
            content.addAll(OpenAiResponseDecoder.content(delta.get("content"),
                    OpenAiResponseDecoder.annotations(delta.get("annotations")), TEXT_INDEX, REASONING_INDEX));
            String refusal = OpenAiResponseDecoder.text(delta.get("refusal"));
            if (refusal != null && !refusal.isEmpty()) {
                content.add(OpenAiResponseDecoder.refusal(refusal, REFUSAL_INDEX));
            }
            int position = 0;
            for (JsonNode call : delta.path("tool_calls")) {
                JsonNode function = call.path("function");
                toolCalls.add(new ToolCallChunk(OpenAiResponseDecoder.text(call.get("id")),
                        OpenAiResponseDecoder.text(function.get("name")),
                        OpenAiResponseDecoder.text(function.get("arguments")), call.path("index").asInt(position)));
                position++;
            }
            OpenAiResponseDecoder.putFinishReasonAndLogprobs(choice, metadata);
        }
        UsageMetadata usage = OpenAiResponseDecoder.usage(json.get("usage"));
        if (content.isEmpty() && toolCalls.isEmpty() && usage == null && metadata.isEmpty()) {
            return List.of();
        }
        return List.of(new AIMessageChunk(content, toolCalls, usage, metadata, OpenAiResponseDecoder.text(json.get("id"))));
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    private JsonNode parse(String data) {
        try {
            return Jackson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw OpenAiErrorDecoder.invalidEvent(provider, data, e);
        }
    }
}
