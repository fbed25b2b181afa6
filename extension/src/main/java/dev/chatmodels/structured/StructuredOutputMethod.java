package dev.chatmodels.structured;

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
     * The method to use when none is given: {@link #FUNCTION_CALLING} for Anthropic (its Messages API has no response
     * format), {@link #JSON_SCHEMA} for OpenAI and the OpenAI-compatible providers.
     */
    public static StructuredOutputMethod defaultFor(String provider) {
        return "anthropic".equals(provider) || "bedrock".equals(provider) ? FUNCTION_CALLING : JSON_SCHEMA;
    }
}
