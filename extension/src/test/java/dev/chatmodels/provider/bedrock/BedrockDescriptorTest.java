package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chatmodels.provider.ModelReference;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.ProviderRegistry;

/** Bedrock is a registered provider: its names, endpoint, key variable, framing and capabilities. */
class BedrockDescriptorTest {

    @Test
    void registeredUnderItsNameAndAlias() {
        assertSame(BedrockCodec.DESCRIPTOR, ProviderRegistry.require("bedrock"));
        assertSame(BedrockCodec.DESCRIPTOR, ProviderRegistry.require("bedrock_converse"));
        assertEquals(new ModelReference("bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0"),
                ModelReference.parse("bedrock:anthropic.claude-3-5-haiku-20241022-v1:0", null));
        assertEquals(new ModelReference("bedrock", "us.amazon.nova-micro-v1:0"),
                ModelReference.parse("us.amazon.nova-micro-v1:0", null));
    }

    @Test
    void regionalEndpointBearerVariableAndEventStreamFraming() {
        ProviderDescriptor bedrock = ProviderRegistry.require("bedrock");

        assertEquals("https://bedrock-runtime.{region}.amazonaws.com", bedrock.defaultBaseUrl());
        assertEquals(List.of("AWS_BEARER_TOKEN_BEDROCK"), bedrock.apiKeyEnvVars());
        assertEquals("application/vnd.amazon.eventstream", bedrock.framing().mediaType());
        assertInstanceOf(BedrockEventStreamDeframer.class, bedrock.framing().deframer().get());
        assertInstanceOf(BedrockCodec.class, bedrock.codec().get());
    }

    @Test
    void structuredOutputThroughAForcedTool() {
        assertEquals(new ProviderCapabilities(false, true, true, true), BedrockCodec.DESCRIPTOR.capabilities());
    }
}
