package dev.chatmodels.functions.openai;

import java.util.List;

import dev.chatmodels.message.Message;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/**
 * A Chat Completions request, read and checked: the configured model it names, the messages, the sampling settings
 * that override the model's, the tools and response format to bind, and how to answer.
 *
 * @param toolChoice {@code null} when the request leaves it to the model
 * @param parallelToolCalls {@code null} when the request leaves it to the provider
 * @param responseFormat {@code null} for plain text
 * @param includeUsage whether a stream ends with a usage chunk ({@code stream_options.include_usage})
 */
public record CompletionRequest(String model, List<Message> messages, SamplingSettings sampling,
        List<ToolSpecification> tools, ToolChoice toolChoice, Boolean parallelToolCalls, ResponseFormat responseFormat,
        boolean stream, boolean includeUsage) {

    public CompletionRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
