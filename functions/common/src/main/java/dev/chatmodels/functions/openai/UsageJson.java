package dev.chatmodels.functions.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.usage.UsageMetadata;

/** Token usage in OpenAI's form: prompt, completion and total tokens, with cached and reasoning token details. */
final class UsageJson {

    private UsageJson() {
    }

    static ObjectNode of(UsageMetadata usage) {
        UsageMetadata counted = usage == null ? UsageMetadata.EMPTY : usage;
        ObjectNode json = Jackson.MAPPER.createObjectNode();
        json.put("prompt_tokens", counted.inputTokens());
        json.put("completion_tokens", counted.outputTokens());
        json.put("total_tokens", counted.totalTokens());
        UsageMetadata.InputTokenDetails input = counted.inputTokenDetails();
        if (input != null) {
            ObjectNode details = json.putObject("prompt_tokens_details");
            details.put("cached_tokens", orZero(input.cacheRead()));
            details.put("audio_tokens", orZero(input.audio()));
        }
        UsageMetadata.OutputTokenDetails output = counted.outputTokenDetails();
        if (output != null) {
            ObjectNode details = json.putObject("completion_tokens_details");
            details.put("reasoning_tokens", orZero(output.reasoning()));
            details.put("audio_tokens", orZero(output.audio()));
        }
        return json;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
