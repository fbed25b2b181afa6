package dev.chatmodels.quarkus.runtime.observability;

import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;

/**
 * The OpenTelemetry GenAI semantic-convention names metrics and spans use, and the values both derive from a call: one
 * place, so that a metric and a span of the same call say the same.
 */
public final class GenAi {

    public static final String OPERATION_NAME = "gen_ai.operation.name";
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    /** The prefix of the request settings of {@link RunInfo#request()}: {@code gen_ai.request.temperature}... */
    public static final String REQUEST_PREFIX = "gen_ai.request.";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_ID = "gen_ai.response.id";
    public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
    public static final String USAGE_CACHE_CREATION_INPUT_TOKENS = "gen_ai.usage.cache_creation.input_tokens";
    public static final String USAGE_REASONING_OUTPUT_TOKENS = "gen_ai.usage.reasoning.output_tokens";
    public static final String INPUT_MESSAGES = "gen_ai.input.messages";
    public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
    public static final String TOOL_NAME = "gen_ai.tool.name";
    public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
    public static final String TOOL_TYPE = "gen_ai.tool.type";
    public static final String TOOL_CALL_ARGUMENTS = "gen_ai.tool.call.arguments";
    public static final String TOOL_CALL_RESULT = "gen_ai.tool.call.result";
    public static final String ERROR_TYPE = "error.type";
    /** Not a convention of its own: the name the application configured the model under. */
    public static final String CONFIGURED_MODEL = "chat_models.model";

    public static final String CHAT = "chat";
    public static final String EXECUTE_TOOL = "execute_tool";
    /** {@link #ERROR_TYPE} of a call the caller cancelled. */
    public static final String CANCELLED = "cancelled";

    private GenAi() {
    }

    /** The configured name of the call's model: {@code default} for the default model, {@code none} for others. */
    public static String configuredModel(RunInfo run) {
        return run.configuredName() == null ? "none" : ChatModelsConfig.modelName(run.configuredName());
    }

    /** The model that answered, as the provider reported it, else the model asked for. */
    public static String responseModel(RunInfo run, AIMessage answer) {
        String model = answer.modelName();
        return model == null || model.isBlank() ? run.modelName() : model;
    }

    /** A failure's type, low in cardinality and free of any message text: its class name. */
    public static String errorType(Throwable failure) {
        return failure.getClass().getName();
    }

    /**
     * The type of the failure a retry follows: the guard gives up on an attempt itself only when it times out, and
     * fails it with a {@link ProviderTimeoutException}.
     */
    public static String retriedErrorType(Throwable failure) {
        return failure == null ? ProviderTimeoutException.class.getName() : errorType(failure);
    }
}
