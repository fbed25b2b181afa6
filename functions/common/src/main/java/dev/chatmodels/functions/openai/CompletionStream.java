package dev.chatmodels.functions.openai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Turns the chunks of one streamed answer into OpenAI {@code chat.completion.chunk}s: the first carries the assistant
 * role, then text, reasoning and tool-call deltas as they come (tool calls numbered 0, 1, ... in the order they start,
 * whatever block indexes the provider uses), then a last chunk with the finish reason and, when asked for, a usage
 * chunk with no choices. Not thread-safe: one instance per stream, fed in order.
 */
public final class CompletionStream {

    private final String id;
    private final long created;
    private final boolean includeUsage;
    private String model;
    private boolean started;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private int toolCalls;
    private UsageMetadata usage;
    private String finishReason;

    /**
     * @param model the model name to report until the provider names the model that writes the answer
     * @param includeUsage whether {@link #finish()} adds a usage chunk ({@code stream_options.include_usage})
     */
    public CompletionStream(String id, long created, String model, boolean includeUsage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
    }

    /** The OpenAI chunks for the next chunk of the answer: none, or one with everything it adds. */
    public List<ObjectNode> next(AIMessageChunk chunk) {
        Object reportedModel = chunk.responseMetadata().get(ResponseMetadata.MODEL_NAME);
        if (!started && reportedModel instanceof String name) {
            model = name;
        }
        Object reason = chunk.responseMetadata().get(ResponseMetadata.FINISH_REASON);
        if (reason instanceof String text) {
            finishReason = text;
        }
        usage = UsageMetadata.sum(usage, chunk.usage());

        ObjectNode delta = Jackson.MAPPER.createObjectNode();
        if (!started) {
            delta.put("role", "assistant");
            delta.put("content", "");
        }
        String text = chunk.text();
        if (!text.isEmpty()) {
            delta.put("content", text);
        }
        String reasoning = reasoning(chunk.content());
        if (!reasoning.isEmpty()) {
            delta.put("reasoning_content", reasoning);
        }
        ArrayNode calls = toolCallDeltas(chunk.toolCallChunks());
        if (!calls.isEmpty()) {
            delta.set("tool_calls", calls);
        }
        started = true;
        return delta.isEmpty() ? List.of() : List.of(chunk(delta, null));
    }

    /** The closing chunks: the finish reason, then the usage if asked for. */
    public List<ObjectNode> finish() {
        List<ObjectNode> chunks = new ArrayList<>();
        if (!started) {
            chunks.addAll(next(AIMessageChunk.empty()));
        }
        chunks.add(chunk(Jackson.MAPPER.createObjectNode(),
                OpenAiFinishReason.of(FinishReason.ofValue(finishReason), toolCalls > 0)));
        if (includeUsage) {
            ObjectNode usageChunk = envelope();
            usageChunk.putArray("choices");
            usageChunk.set("usage", UsageJson.of(usage));
            chunks.add(usageChunk);
        }
        return chunks;
    }

    private ArrayNode toolCallDeltas(List<ToolCallChunk> chunks) {
        ArrayNode deltas = Jackson.MAPPER.createArrayNode();
        for (ToolCallChunk chunk : chunks) {
            Integer known = chunk.index() == null ? null : toolIndexes.get(chunk.index());
            String args = chunk.args() == null ? "" : chunk.args();
            if (known == null) {
                int index = toolCalls++;
                if (chunk.index() != null) {
                    toolIndexes.put(chunk.index(), index);
                }
                ObjectNode call = CompletionJson.toolCall(chunk.id(), chunk.name(), args);
                deltas.add(Jackson.MAPPER.createObjectNode().put("index", index).setAll(call));
            } else if (!args.isEmpty()) {
                ObjectNode call = deltas.addObject().put("index", known);
                call.putObject("function").put("arguments", args);
            }
        }
        return deltas;
    }

    private static String reasoning(List<ContentBlock> content) {
        StringBuilder text = new StringBuilder();
        content.stream().filter(ReasoningBlock.class::isInstance).forEach(b -> text.append(((ReasoningBlock) b).reasoning()));
        return text.toString();
    }

    private ObjectNode chunk(ObjectNode delta, String finish) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode envelope() {
        ObjectNode chunk = Jackson.MAPPER.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
