package dev.chatmodels.model;

import java.util.List;

import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSet;
import dev.chatmodels.tool.ToolSpecification;

/**
 * What a model has been bound to beyond its settings: tools, tool choice and a response format, plus the functions of
 * the bound tools the application runs itself ({@code executableTools}, used by {@link dev.chatmodels.tool.ToolLoop};
 * never sent to the provider).
 */
public record Bindings(List<ToolSpecification> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
        ResponseFormat responseFormat, List<ChatTool> executableTools) {

    public static final Bindings NONE = new Bindings(List.of(), null, null, null, List.of());

    public Bindings {
        tools = tools == null ? List.of() : List.copyOf(tools);
        executableTools = executableTools == null ? List.of() : List.copyOf(executableTools);
    }

    /** Bindings without executable tools. */
    public Bindings(List<ToolSpecification> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
            ResponseFormat responseFormat) {
        this(tools, toolChoice, parallelToolCalls, responseFormat, List.of());
    }

    /** These bindings with other tools, none of which the application runs itself. */
    public Bindings withTools(List<ToolSpecification> newTools, ToolChoice choice, Boolean parallel) {
        return new Bindings(newTools, choice, parallel, responseFormat, List.of());
    }

    /** These bindings with other tools: their specifications and the functions of those the application runs. */
    public Bindings withTools(ToolSet newTools, ToolChoice choice, Boolean parallel) {
        return new Bindings(newTools.specifications(), choice, parallel, responseFormat, newTools.executables());
    }

    public Bindings withResponseFormat(ResponseFormat format) {
        return new Bindings(tools, toolChoice, parallelToolCalls, format, executableTools);
    }
}
