package dev.chatmodels.it;

import dev.chatmodels.schema.Description;

/** An answer with the model's confidence in it, read from the model's JSON. */
@Description("Response model with structured fields.")
public record AnswerResponse(@Description("The answer to the question") String answer,
        @Description("Confidence score between 0 and 1") double confidence) {
}
