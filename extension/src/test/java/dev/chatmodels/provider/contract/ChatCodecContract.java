package dev.chatmodels.provider.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.provider.contract.ContractRecordings.Error;
import dev.chatmodels.provider.contract.ContractRecordings.Finish;
import dev.chatmodels.provider.contract.ContractRecordings.Plain;
import dev.chatmodels.provider.contract.ContractRecordings.Recording;
import dev.chatmodels.provider.contract.ContractRecordings.Structured;
import dev.chatmodels.provider.contract.ContractRecordings.ToolCalls;
import dev.chatmodels.provider.contract.ContractRecordings.Usage;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.transport.StreamDeframer;
import dev.chatmodels.transport.StreamEvent;

/**
 * The codec contract: the standard scenarios every provider passes, each over a real recording of the provider. A
 * provider extends it once, with its descriptor, its table of recordings ({@link #recordings()}) and how to read its
 * recorded JSON; a scenario it has no recording of is declared there and shows as skipped with the reason, never as
 * passed. Streams are read from their raw bytes through the provider's own {@link StreamDeframer}, as the transport reads
 * them, so regrouping the bytes tests the framing and the decoder together.
 */
public abstract class ChatCodecContract {

    /** Random regroupings of each recorded stream, from fixed seeds: the same on every run. */
    private static final int RANDOM_REGROUPINGS = 20;

    private final ChatCodec codec = provider().codec().get();

    /** The provider under test. */
    protected abstract ProviderDescriptor provider();

    /** The provider's recordings of each scenario, or why it has none. */
    protected abstract ContractRecordings recordings();

    /** The text the recorded (non-streamed) answer holds, read straight from its JSON. */
    protected abstract String recordedText(JsonNode response);

    /** The text the recorded stream's events hold, read straight from their data. */
    protected abstract String recordedText(List<StreamEvent> events);

    /** The request the recorded tool-result follow-up was made of: its messages, tools and settings. */
    protected abstract ChatRequest followUpRequest(JsonNode recordedRequest);

    /**
     * A request body as compared with the recording: the provider's equivalent forms made one (e.g. tool arguments as
     * parsed JSON rather than text). Unchanged by default.
     */
    protected JsonNode comparable(JsonNode requestBody) {
        return requestBody;
    }

    /** The file of a recorded stream; SSE recordings by default. */
    protected String streamFile(String fixture) {
        return fixture + ".response.sse";
    }

    @Test
    void everyScenarioIsRecordedOrDeclaredMissing() {
        Set<Scenario> undeclared = EnumSet.noneOf(Scenario.class);
        for (Scenario scenario : Scenario.values()) {
            boolean recorded = !recordings().of(scenario).isEmpty();
            boolean missing = recordings().whyMissing(scenario).isPresent();
            assertFalse(recorded && missing, scenario + " is both recorded and declared missing");
            if (!recorded && !missing) {
                undeclared.add(scenario);
            }
        }
        assertEquals(Set.of(), undeclared, "scenarios with neither a recording nor a reason why not");
    }

    @Test
    void text() {
        for (Plain recording : recorded(Scenario.TEXT, Plain.class)) {
            JsonNode response = response(recording);
            AIMessage message = codec.decode(response);
            assertAll(recording.fixture(),
                    () -> assertEquals(recordedText(response), message.text()),
                    () -> assertFalse(message.text().isEmpty()),
                    () -> assertEquals(FinishReason.STOP, message.finishReason()),
                    () -> assertProviderWordKept(message),
                    () -> assertCountedUsage(message),
                    () -> assertTrue(message.toolCalls().isEmpty()));
        }
    }

    @Test
    void streamSumsToTheWhole() {
        for (Plain recording : recorded(Scenario.STREAM, Plain.class)) {
            byte[] body = streamBytes(recording);
            AIMessage message = AIMessageChunk.sum(decodeStream(body, List.of(body))).toMessage();
            assertAll(recording.fixture(),
                    () -> assertEquals(recordedText(events(body)), message.text()),
                    () -> assertFalse(message.text().isEmpty()),
                    () -> assertEquals(FinishReason.STOP, message.finishReason()),
                    () -> assertProviderWordKept(message),
                    () -> assertCountedUsage(message),
                    () -> assertFalse(message.content().stream()
                            .anyMatch(b -> b instanceof TextBlock t && t.text().isEmpty() && t.annotations().isEmpty()),
                            "no empty text blocks"));
        }
    }

    @Test
    void anyRegroupingOfARecordedStreamsBytesSumsToTheSameMessage() {
        List<Recording> streams = new ArrayList<>(recordings().of(Scenario.STREAM));
        streams.addAll(recordings().of(Scenario.STREAMED_TOOL_CALL));
        Assumptions.assumeFalse(streams.isEmpty(), "no recorded stream");
        for (Recording recording : streams) {
            byte[] body = streamBytes(recording);
            List<AIMessageChunk> whole = decodeStream(body, List.of(body));
            AIMessage expected = AIMessageChunk.sum(whole).toMessage();
            assertEquals(expected, AIMessageChunk.sum(decodeStream(body, byteByByte(body))).toMessage(),
                    recording.fixture() + " fed byte by byte");
            Random random = new Random(recording.fixture().hashCode());
            for (int round = 0; round < RANDOM_REGROUPINGS; round++) {
                assertEquals(expected, AIMessageChunk.sum(decodeStream(body, randomPieces(body, random))).toMessage(),
                        recording.fixture() + " regrouping " + round);
            }
            assertEquals(expected, whole.stream().reduce(AIMessageChunk.empty(), AIMessageChunk::concat).toMessage(),
                    recording.fixture() + " summed chunk by chunk");
        }
    }

    @Test
    void toolCall() {
        for (ToolCalls recording : recorded(Scenario.TOOL_CALL, ToolCalls.class)) {
            assertToolCalls(recording, codec.decode(response(recording)));
        }
    }

    @Test
    void parallelToolCalls() {
        for (ToolCalls recording : recorded(Scenario.PARALLEL_TOOL_CALLS, ToolCalls.class)) {
            assertTrue(recording.names().size() > 1, recording.fixture() + ": parallel means more than one call");
            assertToolCalls(recording, codec.decode(response(recording)));
        }
    }

    @Test
    void streamedToolCall() {
        for (ToolCalls recording : recorded(Scenario.STREAMED_TOOL_CALL, ToolCalls.class)) {
            byte[] body = streamBytes(recording);
            AIMessage message = AIMessageChunk.sum(decodeStream(body, List.of(body))).toMessage();
            assertToolCalls(recording, message);
            assertCountedUsage(message);
        }
    }

    @Test
    void toolResultFollowUpIsEncodedAsRecorded() {
        for (Plain recording : recorded(Scenario.TOOL_RESULT_FOLLOW_UP, Plain.class)) {
            JsonNode recorded = Fixtures.json(folder(), recording.fixture() + ".request.json");
            ChatRequest request = followUpRequest(recorded);
            assertTrue(request.messages().stream().anyMatch(ToolMessage.class::isInstance),
                    recording.fixture() + " sends tool results");
            assertEquals(comparable(recorded), comparable(codec.encode(request, false)), recording.fixture());
        }
    }

    @Test
    void structuredOutput() {
        for (Structured recording : recorded(Scenario.STRUCTURED_OUTPUT, Structured.class)) {
            AIMessage message = codec.decode(response(recording));
            JsonNode expected = json(recording.json());
            // a native response format answers in the text; otherwise the forced tool call's arguments are the answer
            JsonNode answer = provider().capabilities().nativeJsonSchema() ? json(message.text())
                    : Jackson.MAPPER.valueToTree(message.toolCalls().get(0).args());
            assertEquals(expected, answer, recording.fixture());
        }
    }

    @Test
    void usageWithCachedTokens() {
        assertUsage(Scenario.USAGE_CACHE);
    }

    @Test
    void usageWithReasoningTokens() {
        assertUsage(Scenario.USAGE_REASONING);
    }

    @Test
    void aRejectedKeyIsAnAuthenticationError() {
        assertErrors(Scenario.ERROR_AUTHENTICATION);
    }

    @Test
    void tooManyRequestsIsARateLimitError() {
        assertErrors(Scenario.ERROR_RATE_LIMIT);
    }

    @Test
    void aRefusedRequestIsAnInvalidRequestError() {
        assertErrors(Scenario.ERROR_INVALID_REQUEST);
    }

    @Test
    void aFailedOrOverloadedProviderIsAServerError() {
        assertErrors(Scenario.ERROR_SERVER);
    }

    @Test
    void anErrorInsideAStreamIsTypedByItsKind() {
        for (Error recording : recorded(Scenario.ERROR_IN_STREAM, Error.class)) {
            byte[] body = streamBytes(recording);
            ChatModelException error = assertThrows(ChatModelException.class, () -> decodeStream(body, List.of(body)),
                    recording.fixture());
            assertInstanceOf(recording.type(), error, recording.fixture());
        }
    }

    @Test
    void finishReasonsAreNormalisedAndTheProvidersWordIsKept() {
        for (Finish recording : recorded(Scenario.FINISH_REASONS, Finish.class)) {
            AIMessage message = codec.decode(response(recording));
            assertEquals(recording.reason(), message.finishReason(), recording.fixture());
            assertProviderWordKept(message);
        }
    }

    private void assertToolCalls(ToolCalls recording, AIMessage message) {
        List<ToolCall> calls = message.toolCalls();
        assertAll(recording.fixture(),
                () -> assertEquals(recording.names(), calls.stream().map(ToolCall::name).toList()),
                () -> assertEquals(calls.size(), calls.stream().map(ToolCall::id).distinct().count(), "distinct ids"),
                () -> assertTrue(calls.stream().allMatch(call -> call.id() != null && !call.id().isEmpty()), "ids"),
                () -> assertTrue(message.invalidToolCalls().isEmpty(), "arguments are JSON objects"),
                () -> assertEquals(FinishReason.TOOL_CALLS, message.finishReason()),
                () -> assertProviderWordKept(message));
    }

    private void assertUsage(Scenario scenario) {
        for (Usage recording : recorded(scenario, Usage.class)) {
            assertEquals(recording.usage(), codec.decode(response(recording)).usage(), recording.fixture());
        }
    }

    private void assertErrors(Scenario scenario) {
        for (Error recording : recorded(scenario, Error.class)) {
            int status = Fixtures.status(folder(), recording.fixture());
            ChatModelException error = ProviderException.of(codec.decodeError(status,
                    Fixtures.headers(folder(), recording.fixture()),
                    Fixtures.read(folder(), recording.fixture() + ".response.json")));
            assertInstanceOf(recording.type(), error, recording.fixture());
            ProviderException failure = assertInstanceOf(ProviderException.class, error, recording.fixture());
            assertAll(recording.fixture(),
                    () -> assertEquals(status, failure.status()),
                    () -> assertEquals(provider().name(), failure.provider()),
                    () -> assertFalse(failure.getMessage().isBlank()));
        }
    }

    private static void assertProviderWordKept(AIMessage message) {
        Object word = message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON);
        assertTrue(word instanceof String text && !text.isEmpty(), () -> "the provider's finish reason is kept: "
                + message.responseMetadata());
    }

    private static void assertCountedUsage(AIMessage message) {
        assertNotNull(message.usage(), "usage");
        assertTrue(message.usage().inputTokens() > 0 && message.usage().outputTokens() > 0, message.usage()::toString);
        assertEquals(message.usage().inputTokens() + message.usage().outputTokens(), message.usage().totalTokens());
    }

    /** The recordings of {@code scenario}, or the test is skipped with the provider's reason, or fails undeclared. */
    private <R extends Recording> List<R> recorded(Scenario scenario, Class<R> type) {
        List<Recording> recordings = recordings().of(scenario);
        if (recordings.isEmpty()) {
            String reason = recordings().whyMissing(scenario)
                    .orElseGet(() -> fail(scenario + " has no recording and no reason why not: declare one"));
            Assumptions.abort(scenario + ": " + reason);
        }
        return recordings.stream().map(type::cast).toList();
    }

    /** Every chunk the provider's deframer and a fresh stream decoder make of {@code pieces}, fed in order. */
    private List<AIMessageChunk> decodeStream(byte[] body, List<byte[]> pieces) {
        StreamDeframer deframer = provider().framing().deframer().get();
        StreamDecoder decoder = codec.newStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        // as the model does: what follows the final event is not read
        Consumer<StreamEvent> events = event -> {
            if (!decoder.isComplete()) {
                chunks.addAll(decoder.decode(event));
            }
        };
        for (byte[] piece : pieces) {
            deframer.feed(ByteBuffer.wrap(piece), events);
        }
        deframer.end(events);
        assertTrue(decoder.isComplete(), () -> "the stream of " + body.length + " bytes reached its final event");
        return chunks;
    }

    private List<StreamEvent> events(byte[] body) {
        StreamDeframer deframer = provider().framing().deframer().get();
        List<StreamEvent> events = new ArrayList<>();
        deframer.feed(ByteBuffer.wrap(body), events::add);
        deframer.end(events::add);
        return events;
    }

    private static List<byte[]> byteByByte(byte[] body) {
        List<byte[]> pieces = new ArrayList<>(body.length);
        for (byte b : body) {
            pieces.add(new byte[] { b });
        }
        return pieces;
    }

    /** The body cut at random places into pieces of 1 to 64 bytes. */
    private static List<byte[]> randomPieces(byte[] body, Random random) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        while (start < body.length) {
            int end = Math.min(body.length, start + 1 + random.nextInt(64));
            pieces.add(Arrays.copyOfRange(body, start, end));
            start = end;
        }
        return pieces;
    }

    private String folder() {
        return recordings().folder();
    }

    private JsonNode response(Recording recording) {
        return Fixtures.json(folder(), recording.fixture() + ".response.json");
    }

    private byte[] streamBytes(Recording recording) {
        return Fixtures.bytes(folder(), streamFile(recording.fixture()));
    }

    private static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
