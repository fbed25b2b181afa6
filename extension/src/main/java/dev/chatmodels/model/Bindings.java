package dev.chatmodels.model;

import java.util.List;

import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** What a model has been bound to beyond its settings: tools, tool choice and a response format. */
public record Bindings(List<ToolSpecification> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
        ResponseFormat responseFormat) {

    public static final Bindings NONE = new Bindings(List.of(), null, null, null);

    public Bindings {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public Bindings withTools(List<ToolSpecification> newTools, ToolChoice choice, Boolean parallel) {
        return new Bindings(newTools, choice, parallel, responseFormat);
    }

    public Bindings withResponseFormat(ResponseFormat format) {
        return new Bindings(tools, toolChoice, parallelToolCalls, format);
    }
}
