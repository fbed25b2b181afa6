package dev.chatmodels.quarkus.deployment.bench;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.testing.Fixtures;

/** The conversation every benchmarked call sends: the system and user messages of a recorded OpenAI request. */
record Prompt(String model, String system, String user) {

    /** The prompt of the recorded request {@code fixtures/openai-chat/<file>}. */
    static Prompt recorded(String file) {
        JsonNode request = Fixtures.json("openai-chat", file);
        return new Prompt(request.path("model").asText(), request.at("/messages/0/content").asText(),
                request.at("/messages/1/content").asText());
    }

    List<Message> messages() {
        return List.of(SystemMessage.of(system), HumanMessage.of(user));
    }
}
