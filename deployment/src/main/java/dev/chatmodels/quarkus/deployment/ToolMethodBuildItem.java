package dev.chatmodels.quarkus.deployment;

import java.util.List;

import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/**
 * A {@code @Tool} method of a CDI bean, described at build time: the bean's name, the tool's name and description, the
 * JSON Schema of its arguments, its parameters (names and Jackson canonical types) and the invoker that calls it.
 */
final class ToolMethodBuildItem extends MultiBuildItem {

    final String beanName;
    final String toolName;
    final String description;
    final String schema;
    final List<String> parameterNames;
    final List<String> parameterTypes;
    final InvokerInfo invoker;

    ToolMethodBuildItem(String beanName, String toolName, String description, String schema, List<String> parameterNames,
            List<String> parameterTypes, InvokerInfo invoker) {
        this.beanName = beanName;
        this.toolName = toolName;
        this.description = description;
        this.schema = schema;
        this.parameterNames = List.copyOf(parameterNames);
        this.parameterTypes = List.copyOf(parameterTypes);
        this.invoker = invoker;
    }
}
