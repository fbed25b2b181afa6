package dev.chatmodels.model;

import static dev.chatmodels.model.FakeChatTransport.ok;
import static dev.chatmodels.model.FakeChatTransport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.usage.UsageMetadata;
import io.smallrye.mutiny.Multi;

class DisableStreamingTest {

    private static final ToolSpecification TOOL = ToolSpecification.of("get_weather", "The weather",
            Jackson.MAPPER.createObjectNode().put("type", "object"));

    private static HttpChatModel model(FakeChatTransport transport, DisableStreaming disableStreaming) {
        return HttpChatModel.builder(FakeChatCodec.PROVIDER)
                .transport(transport)
                .settings(ModelSettings.of("fake-1"))
                .disableStreaming(disableStreaming)
                .build();
    }

    private static List<AIMessageChunk> chunks(ChatModel model) {
        return model.stream("hello").collect().asList().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void trueMakesAStreamOneInvokeEmittedAsOneChunk() throws Exception {
        FakeChatTransport transport = FakeChatTransport
                .posting(call -> ok(FakeChatCodec.answer(prompt(call).toUpperCase(), "fake-1", 3, 2)));
        HttpChatModel model = model(transport, DisableStreaming.TRUE);

        List<AIMessageChunk> chunks = chunks(model);
        AIMessage invoked = model.invoke("hello");

        assertEquals(1, chunks.size());
        assertEquals(invoked, chunks.get(0).toMessage());
        assertEquals(UsageMetadata.of(3, 2), chunks.get(0).usage());
        assertEquals(2, transport.calls().size());
        assertFalse(Jackson.MAPPER.readTree(transport.calls().get(0).body()).path("stream").asBoolean());
    }

    @Test
    void toolCallingDisablesStreamingOnlyWhileToolsAreBound() {
        FakeChatTransport streaming = FakeChatTransport
                .streaming(call -> Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 3, "Hel", "lo")));
        assertEquals(3, chunks(model(streaming, DisableStreaming.TOOL_CALLING)).size());

        FakeChatTransport posting = FakeChatTransport.posting(call -> ok(FakeChatCodec.answer("HELLO", "fake-1", 3, 2)));
        List<AIMessageChunk> withTools = chunks(model(posting, DisableStreaming.TOOL_CALLING).bindTools(List.of(TOOL)));

        assertEquals(1, withTools.size());
        assertEquals("HELLO", withTools.get(0).text());
        assertEquals(1, posting.calls().size());
    }

    @Test
    void falseStreams() {
        FakeChatTransport streaming = FakeChatTransport
                .streaming(call -> Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 3, "Hel", "lo")));

        assertEquals("Hello", AIMessageChunk.sum(chunks(model(streaming, DisableStreaming.FALSE).bindTools(List.of(TOOL))))
                .toMessage().text());
    }
}
