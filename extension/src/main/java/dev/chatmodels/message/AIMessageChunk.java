package dev.chatmodels.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chatmodels.json.PartialJson;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.usage.UsageMetadata;

/**
 * A piece of a streamed answer. Chunks add up with {@link #concat(AIMessageChunk)}; {@link #toMessage()} turns the
 * sum into the final {@link AIMessage}, parsing the tool-call argument fragments.
 */
public record AIMessageChunk(List<ContentBlock> content, List<ToolCallChunk> toolCallChunks, UsageMetadata usage,
        Map<String, Object> responseMetadata, String id) {

    /** Prefix of ids this library generates; a provider id replaces such an id when chunks are summed. */
    public static final String GENERATED_ID_PREFIX = "run-";

    public AIMessageChunk {
        content = content == null ? List.of() : List.copyOf(content);
        toolCallChunks = toolCallChunks == null ? List.of() : List.copyOf(toolCallChunks);
        // a copy: the caller's map may change later, and provider metadata may hold nulls (no Map.copyOf)
        responseMetadata = responseMetadata == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(responseMetadata));
    }

    public static AIMessageChunk empty() {
        return new AIMessageChunk(List.of(), List.of(), null, Map.of(), null);
    }

    /** A chunk of streamed text at block {@code index}. */
    public static AIMessageChunk ofText(String text, int index) {
        return new AIMessageChunk(List.of(TextBlock.indexed(text, index)), List.of(), null, Map.of(), null);
    }

    /** The concatenated text of the text blocks of this chunk. */
    public String text() {
        StringBuilder text = new StringBuilder();
        content.stream().filter(TextBlock.class::isInstance).forEach(b -> text.append(((TextBlock) b).text()));
        return text.toString();
    }

    /**
     * Sums two chunks: text concatenated, blocks and tool-call chunks merged by index, usage added, metadata merged.
     */
    public AIMessageChunk concat(AIMessageChunk other) {
        return new AIMessageChunk(ChunkMerger.mergeBlocks(content, other.content),
                ChunkMerger.mergeBlocks(toolCallChunks, other.toolCallChunks), UsageMetadata.sum(usage, other.usage),
                ChunkMerger.mergeMaps(responseMetadata, other.responseMetadata), mergeIds(id, other.id));
    }

    /** Sums a whole stream of chunks. */
    public static AIMessageChunk sum(List<AIMessageChunk> chunks) {
        AIMessageChunk total = empty();
        for (AIMessageChunk chunk : chunks) {
            total = total.concat(chunk);
        }
        return total;
    }

    /**
     * The message this sum of chunks stands for. Each tool-call chunk's {@code args} is parsed as (partial) JSON:
     * empty args mean {@code {}}, and anything that does not parse to a JSON object becomes an
     * {@link InvalidToolCall} carrying the raw text. Stream indexes are dropped.
     */
    public AIMessage toMessage() {
        List<ToolCall> toolCalls = new ArrayList<>();
        List<InvalidToolCall> invalid = new ArrayList<>();
        parseToolCalls(toolCalls, invalid);
        List<ContentBlock> blocks = new ArrayList<>(content.size());
        for (ContentBlock block : content) {
            blocks.add(finish(block));
        }
        return new AIMessage(blocks, toolCalls, invalid, usage, responseMetadata, id);
    }

    /**
     * The tool calls of this chunk as parsed so far: each tool-call chunk whose arguments parse as (partial) JSON, e.g.
     * {@code {"city": "Par} gives {@code {city=Par}}. On a sum of chunks, the calls the stream has begun.
     */
    public List<ToolCall> toolCalls() {
        List<ToolCall> toolCalls = new ArrayList<>();
        parseToolCalls(toolCalls, new ArrayList<>());
        return List.copyOf(toolCalls);
    }

    /**
     * Every block of this chunk in standard form, as {@link AIMessage#contentBlocks()} gives them: reasoning first,
     * then the other content in order, then the tool-call chunks.
     */
    public List<ContentBlock> contentBlocks() {
        List<ContentBlock> blocks = new ArrayList<>(content.size() + toolCallChunks.size());
        content.stream().filter(ReasoningBlock.class::isInstance).forEach(blocks::add);
        content.stream().filter(b -> !(b instanceof ReasoningBlock)).forEach(blocks::add);
        blocks.addAll(toolCallChunks);
        return List.copyOf(blocks);
    }

    private void parseToolCalls(List<ToolCall> toolCalls, List<InvalidToolCall> invalid) {
        for (ToolCallChunk chunk : toolCallChunks) {
            PartialJson.ObjectResult args = PartialJson.parseObject(chunk.args());
            if (args.value() != null) {
                toolCalls.add(new ToolCall(chunk.id(), chunk.name(), args.value()));
            } else {
                invalid.add(new InvalidToolCall(chunk.id(), chunk.name(), chunk.args(), args.error()));
            }
        }
    }

    /** A summed block in its final form: without its stream index, a server tool call with its args parsed. */
    private static ContentBlock finish(ContentBlock block) {
        if (block instanceof TextBlock text) {
            return new TextBlock(text.text(), text.annotations(), null, text.id());
        }
        if (block instanceof ReasoningBlock reasoning) {
            return new ReasoningBlock(reasoning.reasoning(), reasoning.extras(), null, reasoning.id());
        }
        if (block instanceof ServerToolCallChunk chunk) {
            PartialJson.ObjectResult args = PartialJson.parseObject(chunk.args());
            return new ServerToolCall(chunk.id(), chunk.name(), args.value() == null ? Map.of() : args.value());
        }
        if (block instanceof ServerToolResult result) {
            return new ServerToolResult(result.toolCallId(), result.status(), result.output(), null, result.id());
        }
        if (block instanceof NonStandardBlock nonStandard) {
            return new NonStandardBlock(nonStandard.value(), null);
        }
        return block;
    }

    private static String mergeIds(String left, String right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        return left.startsWith(GENERATED_ID_PREFIX) && !right.startsWith(GENERATED_ID_PREFIX) ? right : left;
    }
}
