package dev.chatmodels.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.BatchResult;
import dev.chatmodels.model.Bindings;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.schema.Description;
import dev.chatmodels.testing.ReplayTransport;
import dev.chatmodels.testing.ScriptedChatModel;
import dev.chatmodels.tool.ToolChoice;

class StructuredChatModelTest {

    record Actor(String name, String role) {
    }

    @Description("A movie with details")
    record Movie(String title, int year, List<Actor> cast, Optional<Double> budget, LocalDate released) {
    }

    static final String INCEPTION = """
            {"title": "Inception", "year": 2010, "cast": [{"name": "Leonardo DiCaprio", "role": "Cobb"}],
             "budget": null, "released": "2010-07-16"}""";

    static final Movie INCEPTION_MOVIE = new Movie("Inception", 2010, List.of(new Actor("Leonardo DiCaprio", "Cobb")),
            Optional.empty(), LocalDate.of(2010, 7, 16));

    @Test
    void jsonSchemaBindsAStrictResponseFormatAndBindsTheAnswerToTheClass() {
        ScriptedChatModel scripted = ScriptedChatModel.of("openai").answering(AIMessage.of(INCEPTION));
        StructuredChatModel<Movie> movies = scripted.withStructuredOutput(Movie.class);

        assertEquals(INCEPTION_MOVIE, movies.invoke("Tell me about Inception"));

        ResponseFormat format = scripted.calls().get(0).bindings().responseFormat();
        assertEquals(ResponseFormat.Type.JSON_SCHEMA, format.type());
        assertEquals("Movie", format.name());
        assertTrue(format.strict());
        assertEquals("[\"title\",\"year\",\"cast\",\"budget\",\"released\"]", format.schema().get("required").toString(),
                "strict mode lists every property as required");
        assertEquals("A movie with details", format.schema().get("description").asText());
    }

    @Test
    void functionCallingForcesTheSchemaAsTheOnlyToolAndReadsItsArguments() {
        ScriptedChatModel scripted = ScriptedChatModel.of("anthropic").answering(AIMessage.ofToolCalls(List.of(
                new ToolCall("toolu_1", "Movie", Map.of("title", "Inception", "year", 2010, "cast",
                        List.of(Map.of("name", "Leonardo DiCaprio", "role", "Cobb")), "released", "2010-07-16")))));

        Movie movie = scripted.withStructuredOutput(Movie.class).invoke("Tell me about Inception");

        assertEquals(INCEPTION_MOVIE, movie);
        Bindings bindings = scripted.calls().get(0).bindings();
        assertEquals(List.of("Movie"), bindings.tools().stream().map(t -> t.name()).toList());
        assertEquals("A movie with details", bindings.tools().get(0).description());
        assertEquals(ToolChoice.tool("Movie"), bindings.toolChoice());
        assertEquals(Boolean.FALSE, bindings.parallelToolCalls());
        assertNull(bindings.responseFormat());
    }

    @Test
    void jsonModeAsksForAJsonObjectAndFindsItInFencesAndProse() {
        ScriptedChatModel scripted = ScriptedChatModel.of("openai")
                .answering(AIMessage.of("```json\n" + INCEPTION + "\n```"))
                .answering(AIMessage.of("Sure! Here is the movie {as asked}: " + INCEPTION + " Enjoy {it}."));
        StructuredChatModel<Movie> movies = scripted.withStructuredOutput(Movie.class, StructuredOutputMethod.JSON_MODE);

        assertEquals(INCEPTION_MOVIE, movies.invoke("Inception as JSON"));
        assertEquals(INCEPTION_MOVIE, movies.invoke("Inception as JSON"));
        assertEquals(ResponseFormat.jsonObject(), scripted.calls().get(0).bindings().responseFormat());
    }

    @Test
    void invalidJsonFailsWithTheRawText() {
        String raw = "{\"title\": \"Inception\", \"year\": }";
        OutputParsingException error = assertThrows(OutputParsingException.class,
                () -> ScriptedChatModel.of("openai").answering(AIMessage.of(raw)).withStructuredOutput(Movie.class)
                        .invoke("Inception"));
        assertEquals(raw, error.rawText());
        assertTrue(error.getMessage().startsWith("Cannot read the model's answer as a JSON object: it is not valid JSON"),
                error.getMessage());

        OutputParsingException noJson = assertThrows(OutputParsingException.class,
                () -> ScriptedChatModel.of("openai").answering(AIMessage.of("I cannot help with that."))
                        .withStructuredOutput(Movie.class).invoke("Inception"));
        assertEquals("Cannot read the model's answer as a JSON object: there is no JSON object in it", noJson.getMessage());
    }

    @Test
    void aMissingRequiredFieldIsAParsingErrorNamingTheField() {
        OutputParsingException error = assertThrows(OutputParsingException.class,
                () -> ScriptedChatModel.of("openai").answering(AIMessage.of(INCEPTION.replace("\"year\": 2010,", "")))
                        .withStructuredOutput(Movie.class).invoke("Inception"));
        assertEquals("The model's answer does not match Movie: $.year: required property is missing", error.getMessage());
        assertEquals("$.year", error.violations().get(0).path());
    }

    @Test
    void aWrongTypeInANestedListIsAParsingErrorNamingThePath() {
        String wrong = INCEPTION.replace("\"year\": 2010", "\"year\": \"2010\"").replace("\"role\": \"Cobb\"",
                "\"role\": 7");
        OutputParsingException error = assertThrows(OutputParsingException.class,
                () -> ScriptedChatModel.of("openai").answering(AIMessage.of(wrong)).withStructuredOutput(Movie.class)
                        .invoke("Inception"));
        assertEquals(List.of("$.year: expected integer, got string \"2010\"", "$.cast[0].role: expected string, got number 7"),
                error.violations().stream().map(Object::toString).toList());
    }

    @Test
    void aMalformedDateIsAParsingError() {
        OutputParsingException error = assertThrows(OutputParsingException.class,
                () -> ScriptedChatModel.of("openai").answering(AIMessage.of(INCEPTION.replace("2010-07-16", "July 2010")))
                        .withStructuredOutput(Movie.class).invoke("Inception"));
        assertTrue(error.getMessage().startsWith("The model's answer cannot be bound to"), error.getMessage());
    }

    @Test
    void functionCallingWithoutTheToolCallOrWithBrokenArgumentsIsAParsingError() {
        OutputParsingException text = assertThrows(OutputParsingException.class,
                () -> ScriptedChatModel.of("anthropic").answering(AIMessage.of("It is a movie by Nolan."))
                        .withStructuredOutput(Movie.class).invoke("Inception"));
        assertEquals("The model did not call the output tool Movie; it answered with text instead", text.getMessage());
        assertEquals("It is a movie by Nolan.", text.rawText());

        AIMessage broken = new AIMessage(List.of(), List.of(),
                List.of(new InvalidToolCall("t", "Movie", "{\"title\": ", "Invalid JSON in tool-call arguments")), null,
                Map.of(), null);
        OutputParsingException invalid = assertThrows(OutputParsingException.class,
                () -> ScriptedChatModel.of("anthropic").answering(broken).withStructuredOutput(Movie.class)
                        .invoke("Inception"));
        assertEquals("{\"title\": ", invalid.rawText());
    }

    @Test
    void includeRawCapturesParsingErrorsNextToTheRawMessage() {
        AIMessage good = AIMessage.of(INCEPTION);
        AIMessage bad = AIMessage.of("{\"title\": \"Inception\"}");
        StructuredChatModel<StructuredResult<Movie>> movies = ScriptedChatModel.of("openai").answering(good)
                .answering(bad).withStructuredOutput(Movie.class).includeRaw();

        StructuredResult<Movie> parsed = movies.invoke("Inception");
        assertSame(good, parsed.raw());
        assertEquals(INCEPTION_MOVIE, parsed.parsed());
        assertTrue(parsed.isParsed());

        StructuredResult<Movie> failed = movies.invoke("Inception");
        assertSame(bad, failed.raw());
        assertNull(failed.parsed());
        OutputParsingException error = assertInstanceOf(OutputParsingException.class, failed.parsingError());
        assertEquals(List.of("$.year", "$.cast", "$.released"),
                error.violations().stream().map(v -> v.path()).toList());
    }

    @Test
    void mapAndTextSchemasReturnMapsWithoutValidation() {
        Map<String, Object> schema = Map.of("title", "Movie info", "type", "object", "properties",
                Map.of("title", Map.of("type", "string"), "year", Map.of("type", "integer")), "required",
                List.of("title", "year"));
        ScriptedChatModel scripted = ScriptedChatModel.of("openai").answering(AIMessage.of("{\"title\": \"Inception\"}"))
                .answering(AIMessage.of("{\"year\": \"2010\"}"));

        assertEquals(Map.of("title", "Inception"),
                scripted.withStructuredOutput(schema, StructuredOutputMethod.JSON_SCHEMA).invoke("Inception"));
        ResponseFormat format = scripted.calls().get(0).bindings().responseFormat();
        assertEquals("Movie_info", format.name());
        assertFalse(format.strict(), "a schema that does not forbid additional properties is not sent as strict");

        String text = "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"year\": {\"type\": \"integer\"}},"
                + " \"required\": [\"year\"]}";
        assertEquals(Map.of("year", "2010"), scripted.withStructuredOutput(text, null).invoke("Inception"));
        ResponseFormat textFormat = scripted.calls().get(1).bindings().responseFormat();
        assertEquals("output", textFormat.name());
        assertTrue(textFormat.strict());
    }

    @Test
    void streamingEmitsPartialValuesAndThenTheCompleteOne() {
        ScriptedChatModel scripted = ScriptedChatModel.of("openai").streaming(List.of(
                AIMessageChunk.ofText("```json\n{\"title\": \"Incep", 0),
                AIMessageChunk.ofText("tion\", \"ye", 0),
                AIMessageChunk.ofText("ar\": 20", 0),
                AIMessageChunk.empty(),
                AIMessageChunk.ofText("10}\n```", 0)));
        Map<String, Object> schema = Map.of("type", "object", "properties",
                Map.of("title", Map.of("type", "string"), "year", Map.of("type", "integer")));

        List<Map<String, Object>> items = scripted.withStructuredOutput(schema, StructuredOutputMethod.JSON_MODE)
                .stream("Inception").collect().asList().await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of(Map.of("title", "Incep"), Map.of("title", "Inception"),
                Map.of("title", "Inception", "year", 20), Map.of("title", "Inception", "year", 2010),
                Map.of("title", "Inception", "year", 2010)), items);
    }

    @Test
    void aStreamWhoseCompleteAnswerBreaksTheSchemaFailsAfterThePartialValues() {
        ScriptedChatModel scripted = ScriptedChatModel.of("openai").streaming(List.of(
                AIMessageChunk.ofText("{\"title\": \"Inception\",", 0), AIMessageChunk.ofText(" \"year\": 2010}", 0)));
        List<Object> seen = new java.util.ArrayList<>();

        Throwable failure = assertThrows(OutputParsingException.class,
                () -> scripted.withStructuredOutput(Movie.class).stream("Inception").invoke(seen::add).collect().asList()
                        .await().atMost(Duration.ofSeconds(5)));

        assertEquals(2, seen.size());
        assertEquals("Inception", ((Movie) seen.get(1)).title());
        assertTrue(failure.getMessage().contains("$.cast: required property is missing"), failure.getMessage());
    }

    @Test
    void batchReadsEveryAnswerAndKeepsFailuresPerInput() {
        StructuredChatModel<Movie> movies = ScriptedChatModel.of("openai").answering(AIMessage.of(INCEPTION))
                .answering(AIMessage.of("no idea")).withStructuredOutput(Movie.class);

        List<BatchResult<Movie>> results = movies.batch(List.of(List.of(HumanMessage.of("a")), List.of(HumanMessage.of("b"))),
                RunConfig.EMPTY.withMaxConcurrency(1));

        assertEquals(INCEPTION_MOVIE, results.get(0).value());
        assertInstanceOf(OutputParsingException.class, results.get(1).error());
    }

    @Test
    void theDefaultMethodDependsOnTheProvidersCapabilities() {
        ModelProfile unknown = ModelProfile.EMPTY;
        assertEquals(StructuredOutputMethod.JSON_SCHEMA, StructuredOutputMethod.defaultFor(capabilities("openai"), unknown));
        assertEquals(StructuredOutputMethod.JSON_SCHEMA, StructuredOutputMethod.defaultFor(capabilities("ollama"), unknown));
        assertEquals(StructuredOutputMethod.FUNCTION_CALLING,
                StructuredOutputMethod.defaultFor(capabilities("anthropic"), unknown));
        assertEquals(StructuredOutputMethod.FUNCTION_CALLING,
                StructuredOutputMethod.defaultFor(new ProviderCapabilities(false, true, false, false), unknown));
    }

    @Test
    void andOnTheModelsProfile() {
        ModelProfile noSchema = ModelProfile.of(Map.of("structured_output", false));
        assertEquals(StructuredOutputMethod.FUNCTION_CALLING,
                StructuredOutputMethod.defaultFor(capabilities("openai"), noSchema));
        // a profile can't give a provider a response format its API lacks
        assertEquals(StructuredOutputMethod.FUNCTION_CALLING, StructuredOutputMethod.defaultFor(capabilities("anthropic"),
                ModelProfile.of(Map.of("structured_output", true))));
    }

    @Test
    void aModelFromBeforeStructuredOutputsGetsTheSchemaAsATool() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("tool_calls_parallel_nonstream");
        HttpChatModel gpt4Turbo = HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("gpt-4-turbo")).build();

        gpt4Turbo.withStructuredOutput(Movie.class).includeRaw().invoke("Inception?");

        JsonNode sent = transport.requests().get(0);
        assertTrue(sent.path("response_format").isMissingNode(), sent.toString());
        assertEquals("function", sent.at("/tool_choice/type").asText(), sent.toString());
    }

    private static ProviderCapabilities capabilities(String provider) {
        return ProviderRegistry.require(provider).capabilities();
    }
}
