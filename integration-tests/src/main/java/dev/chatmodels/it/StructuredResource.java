package dev.chatmodels.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.structured.OutputSchema;
import dev.chatmodels.structured.StructuredChatModel;
import dev.chatmodels.structured.StructuredOutputMethod;
import io.smallrye.mutiny.Uni;

/**
 * Structured output: records instead of messages, with each provider's method: OpenAI's native JSON schema response
 * format, Gemini's native response JSON schema, and for Anthropic a forced call of a tool whose arguments are the record. An
 * answer that does not match the
 * record fails with an {@link dev.chatmodels.structured.OutputParsingException} (502, like other failed calls).
 */
@Path("/structured")
public class StructuredResource {

    private final StructuredChatModel<AnswerResponse> answers;
    private final StructuredChatModel<WeatherQuery> weatherQueries;
    private final StructuredChatModel<AnswerResponse> geminiAnswers;

    @Inject
    public StructuredResource(ChatModel model, @ModelName("claude") ChatModel claude,
            @ModelName("gemini") ChatModel gemini) {
        // made once: the schemas are generated here, not per request
        this.answers = model.withStructuredOutput(AnswerResponse.class, StructuredOutputMethod.JSON_SCHEMA);
        this.weatherQueries = claude.withStructuredOutput(OutputSchema.of(WeatherQuery.class).named("get_weather"),
                StructuredOutputMethod.FUNCTION_CALLING);
        // no method given: Gemini's default, its native responseJsonSchema
        this.geminiAnswers = gemini.withStructuredOutput(AnswerResponse.class);
    }

    /** The default (OpenAI) model answers with a {@code json_schema} response format. */
    @POST
    @Path("/answer")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AnswerResponse> answer(String question) {
        return answers.invokeAsync(question);
    }

    /** The {@code gemini} model answers in JSON constrained by its {@code responseJsonSchema}. */
    @POST
    @Path("/gemini/answer")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AnswerResponse> geminiAnswer(String question) {
        return geminiAnswers.invokeAsync(question);
    }

    /** The {@code claude} (Anthropic) model is made to call {@code get_weather}, whose arguments are the answer. */
    @POST
    @Path("/weather-query")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<WeatherQuery> weatherQuery(String question) {
        return weatherQueries.invokeAsync(question);
    }
}
