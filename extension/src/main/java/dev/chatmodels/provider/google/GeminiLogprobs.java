package dev.chatmodels.provider.google;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Gemini's {@code logprobsResult} (asked for with {@code responseLogprobs} and {@code logprobs} in the generation
 * config) in the shape OpenAI gives log probabilities, so that code reading them needs one shape:
 * {@code {"content": [{"token", "logprob", "top_logprobs": [{"token", "logprob"}]}]}}.
 */
final class GeminiLogprobs {

    private GeminiLogprobs() {
    }

    static Map<String, Object> of(JsonNode result) {
        JsonNode chosen = result.path("chosenCandidates");
        JsonNode top = result.path("topCandidates");
        List<Map<String, Object>> content = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            Map<String, Object> token = token(chosen.get(i));
            List<Map<String, Object>> alternatives = new ArrayList<>();
            top.path(i).path("candidates").forEach(candidate -> alternatives.add(token(candidate)));
            token.put("top_logprobs", alternatives);
            content.add(token);
        }
        return Map.of("content", content);
    }

    private static Map<String, Object> token(JsonNode candidate) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("token", candidate.path("token").asText());
        token.put("logprob", candidate.path("logProbability").asDouble());
        return token;
    }
}
