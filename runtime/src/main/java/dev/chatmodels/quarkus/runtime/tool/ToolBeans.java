package dev.chatmodels.quarkus.runtime.tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.tool.ChatTool;

/**
 * The {@link dev.chatmodels.tool.Tool @Tool} methods of the application's CDI beans, found at build time, by bean
 * name: the {@code @Named} value, or else the bean class's simple name with a lower-case first letter
 * ({@code WeatherTools} is {@code weatherTools}). Models get them from configuration
 * ({@code quarkus.chat-models.tools=weatherTools,calendar}) or in code:
 *
 * <pre>
 * &#64;Inject
 * ToolBeans tools;
 *
 * ChatModel withTools = model.bindTools(tools.of("weatherTools"));
 * </pre>
 */
public final class ToolBeans {

    private final Map<String, List<ChatTool>> byBean;

    public ToolBeans(Map<String, List<ChatTool>> byBean) {
        Map<String, List<ChatTool>> copy = new LinkedHashMap<>();
        byBean.forEach((name, tools) -> copy.put(name, List.copyOf(tools)));
        this.byBean = Collections.unmodifiableMap(copy);
    }

    /** The names of the beans that have {@code @Tool} methods. */
    public Set<String> beanNames() {
        return byBean.keySet();
    }

    /**
     * The tools of the named beans, in order.
     *
     * @throws IllegalArgumentException for a name that is not a bean with {@code @Tool} methods
     */
    public List<ChatTool> of(String... beanNames) {
        return of(List.of(beanNames), "");
    }

    /**
     * The tools of the beans the model configured as {@code configuredName} names in its {@code tools} property.
     *
     * @throws IllegalArgumentException naming the property, for a name that is not a bean with {@code @Tool} methods
     */
    public List<ChatTool> configured(String configuredName, List<String> beanNames) {
        return of(beanNames, ChatModelsConfig.prefix(configuredName) + "tools");
    }

    /**
     * The tools of the named beans, in order, for the setting {@code property}.
     *
     * @throws IllegalArgumentException naming the setting, for a name that is not a bean with {@code @Tool} methods
     */
    public List<ChatTool> of(List<String> beanNames, String property) {
        List<ChatTool> tools = new ArrayList<>();
        for (String name : beanNames) {
            List<ChatTool> beanTools = byBean.get(name.trim());
            if (beanTools == null) {
                throw new IllegalArgumentException(unknownBean(property, name, byBean.keySet()));
            }
            tools.addAll(beanTools);
        }
        return tools;
    }

    /** The problem with a name that is not a bean with {@code @Tool} methods, naming the property that holds it. */
    static String unknownBean(String property, String name, Set<String> known) {
        return (property.isEmpty() ? "" : property + " names ") + "'" + name.trim()
                + "', which is not a CDI bean with @Tool methods; beans with @Tool methods: "
                + (known.isEmpty() ? "none" : String.join(", ", known));
    }
}
