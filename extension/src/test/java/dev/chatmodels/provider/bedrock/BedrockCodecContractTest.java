package dev.chatmodels.provider.bedrock;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.contract.ChatCodecContract;
import dev.chatmodels.provider.contract.ContractRecordings;
import dev.chatmodels.provider.contract.Scenario;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;
import dev.chatmodels.usage.UsageMetadata.InputTokenDetails;

/** Bedrock's Converse API passes the codec contract with its recordings, streams read through the event-stream deframer. */
class BedrockCodecContractTest extends ChatCodecContract {

    @Override
    protected ProviderDescriptor provider() {
        return BedrockCodec.DESCRIPTOR;
    }

    @Override
    protected ContractRecordings recordings() {
        return ContractRecordings.in(BedrockRecordings.PROVIDER)
                .text("converse_text")
                .text("converse_reasoning")
                .text("converse_image_input")
                .text("converse_document_input_multi_turn")
                .text("converse_tool_result_followup")
                .stream("converse_stream_text")
                .stream("converse_stream_reasoning")
                .toolCall("converse_tool_use", "temperature")
                .missing(Scenario.PARALLEL_TOOL_CALLS, "no recording of several toolUse blocks in one answer; they "
                        + "decode block by block like the single one")
                .streamedToolCall("converse_stream_tool_use", "get_temperature")
                .toolResultFollowUp("converse_tool_result_followup")
                // the recorded request forces a tool (toolChoice any): its arguments are the structured answer
                .structuredOutput("converse_tool_use", "{\"city\": \"London\", \"date\": \"2022-01-01\"}")
                // inputTokens (2) leaves out the cached 1322; the input total includes them, as the reference counts
                .cacheUsage("converse_cache_read", new UsageMetadata(1324, 5, 1329, new InputTokenDetails(null, 0L, 1322L),
                        null))
                .missing(Scenario.USAGE_REASONING, "Converse reports no reasoning tokens apart: reasoning counts in "
                        + "outputTokens")
                .missing(Scenario.ERROR_AUTHENTICATION, "no recorded 403; BedrockErrorDecoderTest and the stand-in's "
                        + "signature check cover x-amzn-errortype UnrecognizedClientException/InvalidSignatureException")
                .missing(Scenario.ERROR_RATE_LIMIT, "no recorded 429; BedrockErrorDecoderTest covers ThrottlingException")
                .error(Scenario.ERROR_INVALID_REQUEST, "error_400_invalid_model", InvalidRequestException.class)
                .error(Scenario.ERROR_INVALID_REQUEST, "error_400_converse_stream", InvalidRequestException.class)
                .missing(Scenario.ERROR_SERVER, "no recorded 5xx; BedrockErrorDecoderTest covers "
                        + "ServiceUnavailableException, ModelNotReadyException and InternalServerException")
                .missing(Scenario.ERROR_IN_STREAM, "no recorded exception frame; BedrockStreamDecoderTest builds them "
                        + "with the AWS SDK's encoder")
                .finishReason("converse_text", FinishReason.STOP)
                .finishReason("converse_tool_use", FinishReason.TOOL_CALLS);
    }

    @Override
    protected String recordedText(JsonNode response) {
        StringBuilder text = new StringBuilder();
        response.at("/output/message/content").forEach(block -> text.append(block.path("text").asText("")));
        return text.toString();
    }

    @Override
    protected String recordedText(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(event -> "contentBlockDelta".equals(event.event()))
                .forEach(event -> text.append(RecordedJson.parse(event.data()).at("/delta/text").asText("")));
        return text.toString();
    }

    @Override
    protected ChatRequest followUpRequest(JsonNode recorded) {
        JsonNode call = recorded.at("/messages/1/content/0/toolUse");
        JsonNode result = recorded.at("/messages/2/content/0/toolResult");
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode tool : recorded.at("/toolConfig/tools")) {
            JsonNode spec = tool.get("toolSpec");
            tools.add(ToolSpecification.of(spec.get("name").asText(), spec.get("description").asText(),
                    (ObjectNode) spec.at("/inputSchema/json")));
        }
        return new ChatRequest(List.of(SystemMessage.of(recorded.at("/system/0/text").asText()),
                HumanMessage.of(recorded.at("/messages/0/content/0/text").asText()),
                AIMessage.ofToolCalls(List.of(new ToolCall(call.get("toolUseId").asText(), call.get("name").asText(),
                        BedrockResponseDecoder.map(call.get("input"))))),
                ToolMessage.of(result.at("/content/0/text").asText(), result.get("toolUseId").asText())),
                ModelSettings.of("us.amazon.nova-micro-v1:0"), tools, ToolChoice.ANY, null, null);
    }

    @Override
    protected String streamFile(String fixture) {
        return fixture + ".response.eventstream";
    }
}
