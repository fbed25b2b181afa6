package dev.chatmodels.functions.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.functions.openai.CompletionJson;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolSpecification;

/**
 * A response format for a provider that has no native one (Anthropic): the schema becomes a tool the model must call,
 * and its call becomes the answer's text, the JSON an OpenAI client expects in {@code message.content}, with finish
 * reason {@code stop}. Calls of the client's own tools pass through.
 */
final class AnswerTool {

    private static final String JSON_OBJECT_TOOL = "json_object";

    private final ToolSpecification specification;

    private AnswerTool(ToolSpecification specification) {
        this.specification = specification;
    }

    static AnswerTool of(ResponseFormat format) {
        if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
            ObjectNode anyObject = Jackson.MAPPER.createObjectNode().put("type", "object");
            anyObject.put("additionalProperties", true);
            return new AnswerTool(ToolSpecification.of(JSON_OBJECT_TOOL, "Give the answer as a JSON object.", anyObject));
        }
        return new AnswerTool(ToolSpecification.of(format.name(),
                "Give the answer: its arguments are the answer, following this schema.", format.schema()));
    }

    ToolSpecification specification() {
        return specification;
    }

    String name() {
        return specification.name();
    }

    /** The answer with the call of this tool turned into its text. */
    AIMessage rewrite(AIMessage answer) {
        boolean answered = answer.toolCalls().stream().anyMatch(call -> name().equals(call.name()))
                || answer.invalidToolCalls().stream().anyMatch(call -> name().equals(call.name()));
        if (!answered) {
            return answer;
        }
        List<ContentBlock> content = new ArrayList<>(
                answer.content().stream().filter(ReasoningBlock.class::isInstance).toList());
        List<ToolCall> otherCalls = new ArrayList<>();
        for (ToolCall call : answer.toolCalls()) {
            if (name().equals(call.name())) {
                content.add(TextBlock.of(CompletionJson.argumentsJson(call.args())));
            } else {
                otherCalls.add(call);
            }
        }
        List<InvalidToolCall> otherInvalid = new ArrayList<>();
        for (InvalidToolCall call : answer.invalidToolCalls()) {
            if (name().equals(call.name())) {
                content.add(TextBlock.of(call.args() == null ? "" : call.args()));
            } else {
                otherInvalid.add(call);
            }
        }
        return new AIMessage(content, otherCalls, otherInvalid, answer.usage(),
                answeredMetadata(answer.responseMetadata(), otherCalls.isEmpty() && otherInvalid.isEmpty()), answer.id());
    }

    /** Rewrites the chunks of one stream; one instance per stream. */
    StreamRewriter newStreamRewriter() {
        return new StreamRewriter();
    }

    final class StreamRewriter {
        private final Set<Integer> answerIndexes = new HashSet<>();
        private boolean otherCalls;

        AIMessageChunk rewrite(AIMessageChunk chunk) {
            List<ContentBlock> content = new ArrayList<>(chunk.content());
            List<ToolCallChunk> calls = new ArrayList<>();
            for (ToolCallChunk call : chunk.toolCallChunks()) {
                if (name().equals(call.name()) && call.index() != null) {
                    answerIndexes.add(call.index());
                }
                if (name().equals(call.name()) || (call.index() != null && answerIndexes.contains(call.index()))) {
                    if (call.args() != null && !call.args().isEmpty()) {
                        content.add(TextBlock.of(call.args()));
                    }
                } else {
                    otherCalls = true;
                    calls.add(call);
                }
            }
            boolean answered = !answerIndexes.isEmpty() && !otherCalls;
            if (calls.size() == chunk.toolCallChunks().size() && !answered) {
                return chunk;
            }
            return new AIMessageChunk(content, calls, chunk.usage(), answeredMetadata(chunk.responseMetadata(), answered),
                    chunk.id());
        }
    }

    /**
     * Metadata whose finish reason, when the model stopped to call only this tool, is a plain stop; other reasons
     * (e.g. the answer was cut at the token limit) stay.
     */
    private static Map<String, Object> answeredMetadata(Map<String, Object> metadata, boolean onlyAnswered) {
        Object reason = metadata.get(ResponseMetadata.FINISH_REASON);
        if (!onlyAnswered || !(reason instanceof String text) || FinishReason.ofValue(text) != FinishReason.TOOL_CALLS) {
            return metadata;
        }
        Map<String, Object> changed = new LinkedHashMap<>(metadata);
        changed.put(ResponseMetadata.FINISH_REASON, FinishReason.STOP.value());
        return changed;
    }
}
