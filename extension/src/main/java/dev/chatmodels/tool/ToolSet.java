package dev.chatmodels.tool;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tools a model is bound to: the specifications sent to the provider, and the functions of those the application
 * runs itself.
 */
public record ToolSet(List<ToolSpecification> specifications, List<ChatTool> executables) {

    public ToolSet {
        specifications = List.copyOf(specifications);
        executables = List.copyOf(executables);
    }

    /**
     * Collects tools given in any of the accepted forms:
     * <ul>
     * <li>a {@link ChatTool} (specification and function);</li>
     * <li>a {@link ToolSpecification} (the model may call it; the application handles the call itself);</li>
     * <li>a {@code Map}: a function tool in one of the dictionary forms of {@link ToolDictionary} (OpenAI, Anthropic,
     * JSON Schema with a title), else a provider built-in tool passed through as it is, e.g.
     * {@code Map.of("type", "web_search")};</li>
     * <li>a record or class ({@code Class}): a tool named after it whose arguments are its fields, without a
     * function;</li>
     * <li>any other object: its {@link Tool} methods (see {@link ChatTool#fromMethods(Object)}).</li>
     * </ul>
     *
     * @throws IllegalArgumentException for anything else, or two tools with the same name
     */
    public static ToolSet of(List<?> tools) {
        List<ToolSpecification> specifications = new ArrayList<>();
        List<ChatTool> executables = new ArrayList<>();
        for (Object tool : tools) {
            if (tool instanceof ChatTool chatTool) {
                executables.add(chatTool);
                specifications.add(chatTool.specification());
            } else if (tool instanceof ToolSpecification specification) {
                specifications.add(specification);
            } else if (tool instanceof Map<?, ?> dictionary) {
                specifications.add(ToolDictionary.specification(dictionary));
            } else if (tool instanceof Class<?> type) {
                specifications.add(ChatTool.specificationOf(type.getSimpleName(), type, null));
            } else {
                List<ChatTool> methods = tool == null ? List.of() : ChatTool.fromMethods(tool);
                if (methods.isEmpty()) {
                    throw new IllegalArgumentException(tool + " is not a tool: bind a ChatTool, a ToolSpecification, a Map"
                            + " (function dictionary or provider built-in tool), a record Class, or an object with @Tool methods");
                }
                executables.addAll(methods);
                methods.forEach(method -> specifications.add(method.specification()));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (ToolSpecification specification : specifications) {
            if (!names.add(specification.name())) {
                throw new IllegalArgumentException("Two tools are named " + specification.name()
                        + ": tool names must be unique within one model");
            }
        }
        return new ToolSet(specifications, executables);
    }

    /**
     * Checks that {@code choice} can be honoured: a named tool must be one of these.
     *
     * @throws IllegalArgumentException naming the bound tools otherwise
     */
    public void checkChoice(ToolChoice choice) {
        if (choice != null && choice.mode() == ToolChoice.Mode.TOOL
                && specifications.stream().noneMatch(s -> s.name().equals(choice.toolName()))) {
            throw new IllegalArgumentException("The tool choice names " + choice.toolName()
                    + ", which is not bound; bound tools: " + specifications.stream().map(ToolSpecification::name).toList());
        }
    }
}
