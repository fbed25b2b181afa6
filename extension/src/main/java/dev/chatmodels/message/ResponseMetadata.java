package dev.chatmodels.message;

/** The standard keys of {@link AIMessage#responseMetadata()}; providers add their own keys beside these. */
public final class ResponseMetadata {

    /** The model that answered, as the provider reported it. */
    public static final String MODEL_NAME = "model_name";
    /** The provider name, e.g. {@code openai}. */
    public static final String MODEL_PROVIDER = "model_provider";
    /** Why the model stopped, the {@link FinishReason#value()} of every provider: {@code stop}, {@code tool_calls}... */
    public static final String FINISH_REASON = "finish_reason";
    /** Why the model stopped, in the provider's own words: {@code end_turn}, {@code MAX_TOKENS}, {@code tool_use}... */
    public static final String PROVIDER_FINISH_REASON = "provider_finish_reason";
    /** The provider's response id. */
    public static final String ID = "id";
    /** Token log probabilities, when requested. */
    public static final String LOGPROBS = "logprobs";
    /** The configured name of the model that answered (differs from the called model after a fallback). */
    public static final String CONFIGURED_MODEL = "configured_model";

    private ResponseMetadata() {
    }
}
