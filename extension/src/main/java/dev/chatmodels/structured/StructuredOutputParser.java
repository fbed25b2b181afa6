package dev.chatmodels.structured;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ToolCall;

/**
 * Reads a structured answer from a model's message: the arguments of the call of the output tool for
 * {@link StructuredOutputMethod#FUNCTION_CALLING}, the JSON object in the text otherwise.
 */
public final class StructuredOutputParser<T> {

    private final OutputSchema<T> schema;
    private final StructuredOutputMethod method;

    public StructuredOutputParser(OutputSchema<T> schema, StructuredOutputMethod method) {
        this.schema = schema;
        this.method = method;
    }

    /**
     * The value of a complete answer.
     *
     * @throws OutputParsingException when the answer holds no JSON object, invalid JSON, or a value that breaks the
     *         schema; it carries the raw text
     */
    public T parse(AIMessage answer) {
        if (method != StructuredOutputMethod.FUNCTION_CALLING) {
            String text = answer.text();
            return schema.read(JsonAnswer.parse(text), text);
        }
        ToolCall call = outputCall(answer);
        if (call != null) {
            JsonNode args = Jackson.MAPPER.valueToTree(call.args());
            return schema.read(args, args.toString());
        }
        InvalidToolCall invalid = answer.invalidToolCalls().stream()
                .filter(c -> schema.name().equals(c.name())).findFirst().orElse(null);
        if (invalid != null) {
            throw new OutputParsingException("The arguments of the model's call of " + schema.name()
                    + " are not a JSON object: " + invalid.error(), invalid.args(), null);
        }
        throw new OutputParsingException("The model did not call the output tool " + schema.name()
                + "; it answered with text instead", answer.text(), null);
    }

    /** The value an answer cut short holds so far, read leniently; {@code null} when it holds nothing yet. */
    public T parsePartial(AIMessage answerSoFar) {
        JsonNode json = partialJson(answerSoFar);
        return json == null ? null : schema.readPartial(json);
    }

    /** The (completed) JSON an answer cut short holds so far, or {@code null}. */
    JsonNode partialJson(AIMessage answerSoFar) {
        if (method != StructuredOutputMethod.FUNCTION_CALLING) {
            return JsonAnswer.parsePartial(answerSoFar.text());
        }
        ToolCall call = outputCall(answerSoFar);
        return call == null ? null : Jackson.MAPPER.valueToTree(call.args());
    }

    T readPartial(JsonNode json) {
        return schema.readPartial(json);
    }

    private ToolCall outputCall(AIMessage answer) {
        return answer.toolCalls().stream().filter(c -> schema.name().equals(c.name())).findFirst().orElse(null);
    }
}
