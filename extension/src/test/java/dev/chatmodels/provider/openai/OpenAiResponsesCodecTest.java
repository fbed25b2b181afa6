package dev.chatmodels.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.transport.StreamEvent;

/** The Responses API codec against the recorded requests and answers beyond the contract's scenarios. */
class OpenAiResponsesCodecTest {

    private static final String FOLDER = "openai-responses";
    private final OpenAiResponsesCodec codec = new OpenAiResponsesCodec();

    @Test
    void aPlainQuestionIsEncodedAsRecorded() {
        JsonNode recorded = Fixtures.json(FOLDER, "text_nonstream.request.json");
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("What is the capital of France?")),
                ModelSettings.of("gpt-4o"), List.of(), null, null, null);
        assertEquals(recorded, codec.encode(request, false));
        assertEquals("/responses", codec.path(request, false));
    }

    @Test
    void aJsonSchemaGoesOutAsTextFormatAsRecorded() {
        JsonNode recorded = Fixtures.json(FOLDER, "structured_output_text_format_json_schema.request.json");
        JsonNode format = recorded.at("/text/format");
        ChatRequest request = new ChatRequest(ResponsesRecordings.messages(recorded), ModelSettings.of("gpt-4o"),
                ResponsesRecordings.tools(recorded), ToolChoice.AUTO, null,
                ResponseFormat.jsonSchema(format.get("name").asText(), (ObjectNode) format.get("schema"), true));
        ObjectNode encoded = codec.encode(request, false);
        assertEquals(recorded.get("text"), encoded.get("text"));
        assertEquals(recorded.get("tools"), encoded.get("tools"));
    }

    @Test
    void aBuiltInToolGoesOutAsItIs() {
        JsonNode recorded = Fixtures.json(FOLDER, "web_search_citations_nonstream.request.json");
        ChatRequest request = new ChatRequest(ResponsesRecordings.messages(recorded), ModelSettings.of("gpt-5.2"),
                List.of(ToolSpecification.builtIn(Map.of("type", "web_search", "search_context_size", "medium"))),
                ToolChoice.AUTO, null, null);
        ObjectNode encoded = codec.encode(request, false);
        assertEquals(recorded.get("tools"), encoded.get("tools"));
        assertEquals(recorded.get("tool_choice"), encoded.get("tool_choice"));
    }

    @Test
    void stopSequencesAreRefusedWithTheReason() {
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("hi")),
                ModelSettings.of("gpt-4o").withStop(List.of("END")), List.of(), null, null, null);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> codec.encode(request, false));
        assertEquals(true, error.getMessage().contains("use-responses-api=false"), error.getMessage());
    }

    @Test
    void aWebSearchAnswerHasServerToolBlocksAndCitations() {
        AIMessage message = codec.decode(Fixtures.json(FOLDER, "web_search_citations_nonstream.response.json"));
        List<ContentBlock> blocks = message.content();
        assertEquals(3, blocks.size(), blocks::toString);
        ServerToolCall call = (ServerToolCall) blocks.get(0);
        assertEquals("ws_057daac88567bde400696c45fac8448190aa2141ad7de1b6bb", call.id());
        assertEquals("web_search", call.name());
        assertEquals(Map.of("type", "search", "query", "tallest mountain in Alberta", "queries",
                List.of("tallest mountain in Alberta", "Mount Columbia tallest mountain in Alberta elevation")),
                call.args().get("action"));
        ServerToolResult result = (ServerToolResult) blocks.get(1);
        assertEquals(call.id(), result.toolCallId());
        assertEquals(ServerToolResult.Status.SUCCESS, result.status());
        assertEquals(List.of(citation()), ((TextBlock) blocks.get(2)).annotations());
        assertEquals(FinishReason.STOP, message.finishReason());
    }

    @Test
    void aStreamedWebSearchAnswerSumsToServerToolBlocksAndCitations() {
        AIMessage message = sum("web_search_citations_stream");
        List<ServerToolCall> calls = message.content().stream().filter(ServerToolCall.class::isInstance)
                .map(ServerToolCall.class::cast).toList();
        assertEquals(List.of("web_search", "web_search"), calls.stream().map(ServerToolCall::name).toList());
        assertEquals(2, message.content().stream().filter(ServerToolResult.class::isInstance).count());
        List<Map<String, Object>> annotations = message.content().stream().filter(TextBlock.class::isInstance)
                .flatMap(block -> ((TextBlock) block).annotations().stream()).toList();
        assertEquals(1, annotations.size(), annotations::toString);
        assertEquals("citation", annotations.get(0).get("type"));
        assertEquals(FinishReason.STOP, message.finishReason());
    }

    @Test
    void aReasoningSummaryIsAReasoningBlockThatGoesBackAsAReasoningItem() {
        JsonNode response = Fixtures.json(FOLDER, "reasoning_summary_nonstream.response.json");
        AIMessage message = codec.decode(response);
        ReasoningBlock reasoning = (ReasoningBlock) message.content().get(0);
        JsonNode item = response.at("/output/0");
        assertEquals(item.at("/summary/0/text").asText(), reasoning.reasoning());
        assertEquals(item.get("id").asText(), reasoning.id());
        assertEquals(item.get("encrypted_content").asText(), reasoning.extras().get("encrypted_content"));

        ChatRequest next = new ChatRequest(List.of(HumanMessage.of("Write factorial"), message, HumanMessage.of("And?")),
                ModelSettings.of("gpt-5.2"), List.of(), null, null, null);
        JsonNode input = codec.encode(next, false).get("input");
        assertEquals("reasoning", input.at("/1/type").asText());
        assertEquals(item.get("id"), input.at("/1/id"));
        assertEquals(item.get("encrypted_content"), input.at("/1/encrypted_content"));
        assertEquals(item.get("summary"), input.at("/1/summary"));
        assertEquals("assistant", input.at("/2/role").asText());
    }

    @Test
    void streamedReasoningSummaryPartsSumToTheSummary() {
        StringBuilder expected = new StringBuilder();
        for (StreamEvent event : SseFixtures.events(FOLDER, "reasoning_summary_stream.response.sse")) {
            if (event.data().contains("\"response.reasoning_summary_text.done\"")) {
                if (!expected.isEmpty()) {
                    expected.append("\n\n");
                }
                expected.append(RecordedJson.parse(event.data()).get("text").asText());
            }
        }
        AIMessage message = sum("reasoning_summary_stream");
        ReasoningBlock reasoning = (ReasoningBlock) message.content().get(0);
        assertEquals(expected.toString(), reasoning.reasoning());
        assertEquals(true, reasoning.id().startsWith("rs_"), reasoning.id());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals(true, message.usage().outputTokenDetails().reasoning() > 0, message.usage()::toString);
    }

    @Test
    void logprobsAreKeptInTheChatCompletionsShape() {
        JsonNode response = Fixtures.json(FOLDER, "logprobs_nonstream.response.json");
        Map<?, ?> logprobs = (Map<?, ?>) codec.decode(response).responseMetadata().get(ResponseMetadata.LOGPROBS);
        List<?> tokens = (List<?>) logprobs.get("content");
        assertEquals(response.at("/output/0/content/0/logprobs").size(), tokens.size());
        assertEquals("The", ((Map<?, ?>) tokens.get(0)).get("token"));
    }

    @Test
    void anIncompleteResponseCutByTheTokenLimitEndsWithLength() {
        ObjectNode response = (ObjectNode) Fixtures.json(FOLDER, "text_nonstream.response.json");
        response.put("status", "incomplete").putObject("incomplete_details").put("reason", "max_output_tokens");
        AIMessage message = codec.decode(response);
        assertEquals(FinishReason.LENGTH, message.finishReason());
        assertEquals("max_output_tokens", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    @Test
    void errorEventsInAStreamAreTypedByTheirKind() {
        // the shapes of OpenAI's API reference: an "error" event, and a "response.failed" event with the response's error
        assertThrows(RateLimitException.class, () -> codec.newStreamDecoder().decode(new StreamEvent("error",
                "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Rate limit reached\",\"param\":null}")));
        assertThrows(ProviderServerException.class, () -> codec.newStreamDecoder().decode(new StreamEvent(
                "response.failed", "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\","
                        + "\"error\":{\"code\":\"server_error\",\"message\":\"The model failed\"}}}")));
    }

    private AIMessage sum(String scenario) {
        StreamDecoder decoder = codec.newStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        for (StreamEvent event : SseFixtures.events(FOLDER, scenario + ".response.sse")) {
            chunks.addAll(decoder.decode(event));
        }
        assertEquals(true, decoder.isComplete());
        return AIMessageChunk.sum(chunks).toMessage();
    }

    private static Map<String, Object> citation() {
        return Map.of("type", "citation", "start_index", 126, "end_index", 211, "title",
                "Mount Columbia | mountain, Alberta, Canada | Britannica", "url",
                "https://www.britannica.com/place/Mount-Columbia?utm_source=openai");
    }
}
