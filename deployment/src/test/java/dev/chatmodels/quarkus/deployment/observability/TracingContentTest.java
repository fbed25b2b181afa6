package dev.chatmodels.quarkus.deployment.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.ToolLoop;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/** With {@code quarkus.chat-models.tracing.include-content=true} spans carry the conversation and the tool calls. */
class TracingContentTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(StandInConfigSource.class, SpanCapture.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry-deployment",
                    Version.getVersion())))
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .overrideConfigKey("quarkus.chat-models.tracing.include-content", "true")
            .overrideConfigKey("quarkus.chat-models.model", "anthropic:claude-haiku-4-5")
            .overrideConfigKey("quarkus.chat-models.api-key", "sk-ant-test-0123456789")
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/anthropic/v1");

    @Inject
    ChatModel claude;

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void spansCarryTheMessagesAndTheToolCalls() throws Exception {
        StandInConfigSource.standIn().enqueue("/anthropic/v1/messages",
                Reply.fromFixture("anthropic", "tool_use_nonstream.response.json"),
                Reply.fromFixture("anthropic", "tool_result_followup_nonstream.response.json"));
        ChatTool weather = ChatTool.fromSchema("get_weather", "The weather in a city",
                "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}", args -> "Sunny, 21 C");

        ToolLoop.run(claude.bindTools(List.of(weather)), List.of(HumanMessage.of("Weather in Tokyo?")), RunConfig.EMPTY);

        List<SpanData> chats = SpanCapture.spans().stream().filter(span -> span.getName().startsWith("chat ")).toList();
        assertEquals(2, chats.size());
        JsonNode input = Jackson.MAPPER.readTree(attribute(chats.get(0), "gen_ai.input.messages"));
        assertEquals("Weather in Tokyo?", input.at("/0/content").asText(), input.toString());
        JsonNode output = Jackson.MAPPER.readTree(attribute(chats.get(0), "gen_ai.output.messages"));
        assertTrue(output.toString().contains("toolu_01Eobgw8gDD6KegYJz1iyYC7"), output.toString());
        SpanData tool = SpanCapture.spans().stream().filter(span -> span.getName().equals("execute_tool get_weather"))
                .findFirst().orElseThrow();
        assertEquals("{\"location\":\"Tokyo\"}", attribute(tool, "gen_ai.tool.call.arguments"));
        assertEquals("Sunny, 21 C", attribute(tool, "gen_ai.tool.call.result"));
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }
}
