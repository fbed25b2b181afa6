package dev.chatmodels.structured;

import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.profile.ProfileField;
import dev.chatmodels.provider.ProviderCapabilities;

/** How a model is made to answer in a given schema. */
public enum StructuredOutputMethod {

    /** The provider's native schema-constrained response format ({@code strict} where the schema allows it). */
    JSON_SCHEMA,
    /**
     * The schema bound as the only tool (replacing tools bound before), which the model is forced to call once; its
     * arguments are the answer.
     */
    FUNCTION_CALLING,
    /**
     * JSON-object mode: the answer is some JSON object and the prompt must describe the schema. The object is taken
     * from the answer's text even when the model wraps it in a Markdown fence or adds words around it.
     */
    JSON_MODE;

    /**
     * The method to use when none is given: {@link #JSON_SCHEMA} when the provider's API constrains output to a schema
     * itself (OpenAI and the OpenAI-compatible providers) and the model's profile does not say the model can't
     * ({@code structured_output=false}, e.g. {@code gpt-4-turbo}), else {@link #FUNCTION_CALLING} (Anthropic's
     * Messages API has no response format).
     */
    public static StructuredOutputMethod defaultFor(ProviderCapabilities capabilities, ModelProfile profile) {
        return capabilities.nativeJsonSchema() && !profile.refuses(ProfileField.STRUCTURED_OUTPUT) ? JSON_SCHEMA
                : FUNCTION_CALLING;
    }
}
