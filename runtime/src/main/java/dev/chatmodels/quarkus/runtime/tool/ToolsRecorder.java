package dev.chatmodels.quarkus.runtime.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.invoke.Invoker;

import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.schema.JsonSchemas;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.MethodArguments;
import dev.chatmodels.tool.ToolSpecification;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Makes the {@code @Tool} methods found at build time into tools: the schema was generated at build time and the
 * method is called through a generated invoker, so nothing is looked up by reflection at run time.
 */
@Recorder
public class ToolsRecorder {

    private final RuntimeValue<ChatModelsConfig> config;

    public ToolsRecorder(RuntimeValue<ChatModelsConfig> config) {
        this.config = config;
    }

    /**
     * One tool method.
     *
     * @param schema the JSON Schema of the arguments, generated at build time
     * @param parameterTypes the parameters' types in Jackson's canonical form
     * @param invoker the invoker of the method, which looks the bean up itself
     */
    public RuntimeValue<ChatTool> tool(String name, String description, String schema, List<String> parameterNames,
            List<String> parameterTypes, RuntimeValue<?> invoker) {
        @SuppressWarnings("unchecked")
        Invoker<Object, Object> method = (Invoker<Object, Object>) invoker.getValue();
        MethodArguments arguments = MethodArguments.ofCanonical(parameterNames, parameterTypes);
        ToolSpecification specification = ToolSpecification.of(name, description.isEmpty() ? null : description,
                JsonSchemas.parse(schema));
        return new RuntimeValue<>(ChatTool.of(specification, args -> call(method, arguments.bind(args)))
                .validatingArguments());
    }

    /** The tools by bean name. */
    public Supplier<ToolBeans> toolBeans(Map<String, List<RuntimeValue<ChatTool>>> byBean) {
        Map<String, List<ChatTool>> tools = new LinkedHashMap<>();
        byBean.forEach((bean, values) -> tools.put(bean, values.stream().map(RuntimeValue::getValue).toList()));
        ToolBeans toolBeans = new ToolBeans(tools);
        return () -> toolBeans;
    }

    /** Fails start-up when a model's {@code tools} names a bean that has no {@code @Tool} methods. */
    public void check(Set<String> beanNames) {
        List<String> problems = new ArrayList<>();
        config.getValue().models().forEach((model, settings) -> settings.tools().ifPresent(names -> {
            for (String name : names) {
                if (!beanNames.contains(name.trim())) {
                    problems.add(ToolBeans.unknownBean(ChatModelsConfig.prefix(model) + "tools", name, beanNames));
                }
            }
        }));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(
                    "Chat model tools are not configured correctly:\n - " + String.join("\n - ", problems));
        }
    }

    /** Tools run on worker threads, where no request context is active: one is activated for the call. */
    private static Object call(Invoker<Object, Object> method, Object[] arguments) throws Exception {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            return method.invoke(null, arguments);
        }
        requestContext.activate();
        try {
            return method.invoke(null, arguments);
        } finally {
            requestContext.terminate();
        }
    }
}
