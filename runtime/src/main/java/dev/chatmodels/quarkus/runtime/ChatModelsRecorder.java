package dev.chatmodels.quarkus.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

/** Creates the injectable models and checks the models' configuration at start-up. */
@Recorder
public class ChatModelsRecorder {

    private final RuntimeValue<ChatModelsConfig> config;

    public ChatModelsRecorder(RuntimeValue<ChatModelsConfig> config) {
        this.config = config;
    }

    /** Creates the model configured as {@code configuredName}, the same instance {@link ChatModels#get} gives. */
    public Function<SyntheticCreationalContext<ChatModel>, ChatModel> model(String configuredName) {
        return context -> context.getInjectedReference(ChatModels.class).get(configuredName);
    }

    /**
     * Fails start-up when a model is configured wrongly or an injected model is not configured.
     *
     * @param injectedIn the classes that inject each model, by configured name ({@code <default>} for the default model)
     */
    public void check(Map<String, List<String>> injectedIn) {
        List<String> problems = ConfigurationCheck.problems(config.getValue(), injectedIn);
        if (!problems.isEmpty()) {
            throw ConfigurationCheck.failure(problems);
        }
    }
}
