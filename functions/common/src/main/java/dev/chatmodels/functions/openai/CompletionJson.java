package dev.chatmodels.functions.openai;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ToolCall;

/**
 * A model's answer as an OpenAI {@code chat.completion}: one choice with the assistant message (text, tool calls with
 * their arguments as JSON text, and the reasoning as {@code reasoning_content} when the model shows it), the finish
 * reason in OpenAI's words, and the usage.
 */
public final class CompletionJson {

    private CompletionJson() {
    }

    /**
     * @param id the completion id
     * @param created the creation time in seconds since the epoch
     * @param model the model name to report when the answer does not name the model that wrote it
     */
    public static ObjectNode of(AIMessage answer, String id, long created, String model) {
        ObjectNode completion = Jackson.MAPPER.createObjectNode();
        completion.put("id", id);
        completion.put("object", "chat.completion");
        completion.put("created", created);
        completion.put("model", answer.modelName() != null ? answer.modelName() : model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message(answer));
        choice.putNull("logprobs");
        boolean callsTools = !answer.toolCalls().isEmpty() || !answer.invalidToolCalls().isEmpty();
        choice.put("finish_reason", OpenAiFinishReason.of(answer.finishReason(), callsTools));
        if (answer.usage() != null) {
            completion.set("usage", UsageJson.of(answer.usage()));
        }
        return completion;
    }

    private static ObjectNode message(AIMessage answer) {
        ObjectNode message = Jackson.MAPPER.createObjectNode();
        message.put("role", "assistant");
        String text = answer.text();
        boolean callsTools = !answer.toolCalls().isEmpty() || !answer.invalidToolCalls().isEmpty();
        if (text.isEmpty() && callsTools) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        message.putNull("refusal");
        String reasoning = answer.reasoning();
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning);
        }
        if (callsTools) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : answer.toolCalls()) {
                calls.add(toolCall(call.id(), call.name(), argumentsJson(call.args())));
            }
            // Arguments the model wrote badly go back as they were, as OpenAI itself returns them.
            for (InvalidToolCall call : answer.invalidToolCalls()) {
                calls.add(toolCall(call.id(), call.name(), call.args() == null ? "" : call.args()));
            }
        }
        return message;
    }

    static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Jackson.MAPPER.createObjectNode();
        call.put("id", id);
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", name);
        function.put("arguments", arguments);
        return call;
    }

    /** Tool-call arguments as the JSON text OpenAI puts in {@code function.arguments}. */
    public static String argumentsJson(Map<String, Object> args) {
        try {
            return Jackson.MAPPER.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tool-call arguments cannot be written as JSON", e);
        }
    }
}
