package dev.chatmodels.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.provider.anthropic.AnthropicCodec;
import dev.chatmodels.provider.openai.OpenAiChatCodec;
import dev.chatmodels.transport.StreamEvent;

/** An answer that is JSON but not a well-formed answer is an invalid-response error, never an empty message. */
class MalformedAnswerTest {

    private final ChatCodec openAi = new OpenAiChatCodec();
    private final ChatCodec anthropic = new AnthropicCodec();

    private static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertInvalid(String what, Runnable decoding) {
        ProviderException error = assertThrows(ProviderException.class, decoding::run, what);
        assertInstanceOf(ProviderServerException.class, error, what);
        assertEquals(ProviderError.INVALID_RESPONSE, error.errorType(), what);
        assertTrue(error.providerMessage().contains("is malformed: "), error.getMessage());
    }

    @Test
    void openAiAnswersOfTheWrongShape() {
        for (String body : List.of("{}", "null", "[]", "\"text\"", "5", "{\"choices\": null}", "{\"choices\": []}",
                "{\"choices\": \"none\"}", "{\"choices\": [5]}", "{\"choices\": [{\"index\": 0}]}",
                "{\"choices\": [{\"message\": 5}]}", "{\"choices\": [{\"index\": 1, \"message\": {}}]}",
                "{\"choices\": [{\"message\": {\"content\": 5}}]}",
                "{\"choices\": [{\"message\": {\"content\": [\"part\"]}}]}",
                "{\"choices\": [{\"message\": {\"content\": \"a\", \"tool_calls\": {}}}]}",
                "{\"choices\": [{\"message\": {\"tool_calls\": [7]}}]}",
                "{\"choices\": [{\"message\": {\"tool_calls\": [{\"function\": \"f\"}]}}]}",
                "{\"choices\": [{\"message\": {\"refusal\": {}}}]}")) {
            assertInvalid(body, () -> openAi.decode(json(body)));
        }
        assertInvalid("the missing body", () -> openAi.decode(com.fasterxml.jackson.databind.node.MissingNode.getInstance()));
    }

    @Test
    void openAiAnswersThatAreLegitimatelyEmptyStayValid() {
        AIMessage toolCallOnly = openAi.decode(json("{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                + " \"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", \"function\":"
                + " {\"name\": \"f\", \"arguments\": \"{}\"}}]}, \"finish_reason\": \"tool_calls\"}]}"));
        assertEquals("f", toolCallOnly.toolCalls().get(0).name());
        AIMessage emptyText = openAi.decode(json("{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                + " \"content\": \"\"}, \"finish_reason\": \"length\"}]}"));
        assertEquals("", emptyText.text());
        assertEquals("length", emptyText.responseMetadata().get(ResponseMetadata.FINISH_REASON));
    }

    @Test
    void openAiStreamEventsOfTheWrongShape() {
        for (String data : List.of("5", "[]", "\"text\"", "null", "{\"choices\": \"none\"}", "{\"choices\": [5]}",
                "{\"choices\": [{\"index\": 0, \"delta\": 5}]}",
                "{\"choices\": [{\"index\": 0, \"delta\": {\"content\": {}}}]}",
                "{\"choices\": [{\"index\": 0, \"delta\": {\"tool_calls\": \"f\"}}]}")) {
            StreamDecoder decoder = openAi.newStreamDecoder();
            assertInvalid(data, () -> decoder.decode(new StreamEvent(null, data)));
        }
        StreamDecoder decoder = openAi.newStreamDecoder();
        assertEquals(List.of(), decoder.decode(new StreamEvent(null, "{\"id\": \"c\", \"choices\": []}")).get(0)
                .content(), "the usage chunk's empty choices are fine");
    }

    @Test
    void anthropicAnswersOfTheWrongShape() {
        for (String body : List.of("{}", "null", "[]", "\"text\"", "{\"type\": \"message\", \"content\": null}",
                "{\"type\": \"message\", \"content\": \"hi\"}", "{\"type\": \"message\", \"content\": [5]}",
                "{\"type\": \"message\", \"content\": [{\"text\": \"no type\"}]}",
                "{\"type\": \"message\", \"content\": [{\"type\": \"text\", \"text\": 5}]}")) {
            assertInvalid(body, () -> anthropic.decode(json(body)));
        }
    }

    @Test
    void anthropicAnswersThatAreLegitimatelyEmptyStayValid() {
        AIMessage empty = anthropic.decode(json("{\"type\": \"message\", \"content\": [], \"stop_reason\": \"end_turn\"}"));
        assertEquals("", empty.text());
        assertEquals("end_turn", empty.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    @Test
    void anthropicStreamEventsOfTheWrongShape() {
        for (String data : List.of("5", "[]", "\"text\"", "{\"type\": \"message_start\", \"message\": 5}",
                "{\"type\": \"content_block_start\", \"index\": 0, \"content_block\": \"text\"}",
                "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": []}",
                "{\"type\": \"message_delta\", \"delta\": null}")) {
            StreamDecoder decoder = anthropic.newStreamDecoder();
            assertInvalid(data, () -> decoder.decode(new StreamEvent(null, data)));
        }
    }
}
