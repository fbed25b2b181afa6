package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.testing.SigV4Verifier;
import dev.chatmodels.transport.OutgoingRequest;
import dev.chatmodels.transport.StreamEvent;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The Bedrock pieces over real HTTP, with a plain JDK client as the transport: a signed ConverseStream request to a
 * stand-in that checks the signature, and the recorded binary stream back through the deframer and decoder.
 */
class BedrockOverHttpTest {

    private static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create("AKIDSTANDIN", "stand-in-secret-key");

    private final ProviderStandIn standIn = ProviderStandIn.start()
            .check(new SigV4Verifier("AKIDSTANDIN", "stand-in-secret-key", "us-east-1", "bedrock").standInCheck("/"));
    private final BedrockCodec codec = new BedrockCodec();
    private final ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("What is the capital of France?")),
            ModelSettings.of("us.amazon.nova-micro-v1:0"));

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void signedStreamRequestGetsTheRecordedStream() throws Exception {
        standIn.enqueue(codec.path(request, true),
                Reply.fromFixture(BedrockRecordings.PROVIDER, "converse_stream_text.response.eventstream"));

        HttpResponse<byte[]> response = send(new SigV4Authenticator(() -> KEYS, "us-east-1"));

        assertEquals(200, response.statusCode());
        assertEquals("application/vnd.amazon.eventstream", response.headers().firstValue("content-type").orElse(""));
        BedrockEventStreamDeframer deframer = new BedrockEventStreamDeframer();
        List<StreamEvent> events = new ArrayList<>();
        deframer.feed(ByteBuffer.wrap(response.body()), events::add);
        deframer.end(events::add);
        BedrockStreamDecoder decoder = new BedrockStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        events.forEach(event -> chunks.addAll(decoder.decode(event)));
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals(AIMessageChunk.sum(BedrockRecordings.chunks("converse_stream_text")).toMessage(), message);
        assertTrue(decoder.isComplete());
    }

    @Test
    void wrongSecretIsRejectedAsAnAuthenticationError() throws Exception {
        standIn.enqueue(codec.path(request, true),
                Reply.fromFixture(BedrockRecordings.PROVIDER, "converse_stream_text.response.eventstream"));

        HttpResponse<byte[]> response = send(
                new SigV4Authenticator(() -> AwsCredentialsIdentity.create("AKIDSTANDIN", "wrong-secret"), "us-east-1"));

        assertEquals(403, response.statusCode());
        ProviderException error = ProviderException.of(codec.decodeError(403,
                Map.of("x-amzn-errortype", response.headers().allValues("x-amzn-errortype")),
                new String(response.body(), StandardCharsets.UTF_8)));
        assertInstanceOf(AuthenticationException.class, error);
        assertEquals("InvalidSignatureException", error.error().type());
    }

    private HttpResponse<byte[]> send(SigV4Authenticator authenticator) throws IOException, InterruptedException {
        URI uri = URI.create(standIn.baseUrl() + codec.path(request, true));
        byte[] body = codec.encode(request, true).toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Accept",
                BedrockEventStreamDeframer.MEDIA_TYPE);
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(http::header);
        authenticator.headers(new OutgoingRequest("POST", uri, headers, body)).forEach(http::header);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(http.build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
