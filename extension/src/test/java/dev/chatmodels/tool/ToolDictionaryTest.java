package dev.chatmodels.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ReplayTransport;

/** Tools bound as dictionaries, in the forms the reference's bind_tools takes, reach each provider in its own form. */
class ToolDictionaryTest {

    private static final Map<String, Object> PARAMETERS = Map.of("type", "object", "properties",
            Map.of("location", Map.of("type", "string", "description", "The city and state, e.g. San Francisco, CA"),
                    "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit"), "description",
                            "The unit of temperature")),
            "required", List.of("location"));
    private static final String DESCRIPTION = "Get the current weather in a given location";

    private static final Map<String, Object> OPENAI_TOOL = Map.of("type", "function", "function",
            Map.of("name", "get_weather", "description", DESCRIPTION, "parameters", PARAMETERS));
    private static final Map<String, Object> ANTHROPIC_TOOL = Map.of("name", "get_weather", "description", DESCRIPTION,
            "input_schema", PARAMETERS);
    private static final Map<String, Object> BARE_FUNCTION = Map.of("name", "get_weather", "description", DESCRIPTION,
            "parameters", PARAMETERS);

    private static Map<String, Object> jsonSchemaTool() {
        Map<String, Object> schema = new java.util.LinkedHashMap<>(PARAMETERS);
        schema.put("title", "get_weather");
        schema.put("description", DESCRIPTION);
        return schema;
    }

    /** The tools of the request an Anthropic model sends when bound to {@code tool}. */
    private static JsonNode anthropicTools(Object tool) {
        ReplayTransport transport = new ReplayTransport("anthropic").then("tool_use_nonstream");
        HttpChatModel model = HttpChatModel.builder(ProviderRegistry.require("anthropic")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("claude-sonnet-4-5")).build();
        model.bindTools(List.of(tool)).invoke("What is the weather in Tokyo? Use the get_weather tool.");
        return transport.requests().get(0).get("tools");
    }

    @Test
    void everyFunctionFormBecomesTheRecordedAnthropicTool() {
        JsonNode recorded = Fixtures.json("anthropic", "tool_use_nonstream.request.json").get("tools");

        assertEquals(recorded, anthropicTools(OPENAI_TOOL));
        assertEquals(recorded, anthropicTools(ANTHROPIC_TOOL));
        assertEquals(recorded, anthropicTools(BARE_FUNCTION));
        assertEquals(recorded, anthropicTools(jsonSchemaTool()));
    }

    @Test
    void anAnthropicToolBecomesAnOpenAiFunctionWithItsStrictness() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("tool_calls_parallel_nonstream");
        HttpChatModel model = HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("gpt-4o-mini")).build();
        Map<String, Object> strict = Map.of("type", "function", "function", Map.of("name", "get_capital", "parameters",
                Map.of("type", "object", "properties", Map.of("country", Map.of("type", "string"))), "strict", true));

        model.bindTools(List.of(ANTHROPIC_TOOL, strict)).invoke("Weather?");

        JsonNode tools = transport.requests().get(0).get("tools");
        assertEquals("function", tools.at("/0/type").asText());
        assertEquals("get_weather", tools.at("/0/function/name").asText());
        assertEquals(Jackson.MAPPER.valueToTree(PARAMETERS), tools.at("/0/function/parameters"));
        assertTrue(tools.at("/1/function/strict").asBoolean(), tools.toString());
    }

    @Test
    void aMapWithATypeAndNoFunctionIsABuiltInPassedThrough() {
        Map<String, Object> anthropicWebSearch = Map.of("type", "web_search_20250305", "name", "web_search", "max_uses", 3);

        ToolSpecification webSearch = ToolDictionary.specification(Map.of("type", "web_search"));
        ToolSpecification named = ToolDictionary.specification(anthropicWebSearch);

        assertTrue(webSearch.isBuiltIn());
        assertEquals(Map.of("type", "web_search"), webSearch.builtIn());
        assertEquals("web_search", named.name());
        assertEquals(anthropicWebSearch, named.builtIn());
    }

    @Test
    void badDictionariesSayWhatIsMissing() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ToolDictionary.specification(
                Map.of("type", "function", "function", Map.of("description", "x")))).getMessage().endsWith(" has no name"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ToolDictionary.specification(Map.of("name", "f", "parameters", Map.of("type", "string"))))
                .getMessage().startsWith("The parameters of tool f must be a JSON Schema of an object"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ToolDictionary.specification(Map.of("description", "what am I")))
                .getMessage().startsWith("The tool {description=what am I} is neither a function"));
    }
}
