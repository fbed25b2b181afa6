package dev.chatmodels.provider.contract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.usage.UsageMetadata;

/**
 * A provider's table for the {@link ChatCodecContract}: for each {@link Scenario}, the recordings (fixture names
 * without {@code .response.json}/{@code .request.json}) and what they answer, or why the provider has none.
 */
public final class ContractRecordings {

    /** One recording of a scenario and what it must decode to. */
    public sealed interface Recording {
        String fixture();
    }

    /** A recording checked against what its own JSON says (text, stream, follow-up request). */
    public record Plain(String fixture) implements Recording {
    }

    /** A recording whose answer calls these tools, in this order. */
    public record ToolCalls(String fixture, List<String> names) implements Recording {
    }

    /** A recording whose structured answer is this JSON. */
    public record Structured(String fixture, String json) implements Recording {
    }

    /** A recording with exactly this usage. */
    public record Usage(String fixture, UsageMetadata usage) implements Recording {
    }

    /** An error recording and the exception it becomes. */
    public record Error(String fixture, Class<? extends ChatModelException> type) implements Recording {
    }

    /** A recording that ends for this reason. */
    public record Finish(String fixture, FinishReason reason) implements Recording {
    }

    private final String folder;
    private final Map<Scenario, List<Recording>> recorded = new EnumMap<>(Scenario.class);
    private final Map<Scenario, String> missing = new EnumMap<>(Scenario.class);

    private ContractRecordings(String folder) {
        this.folder = folder;
    }

    /** The recordings under {@code fixtures/<folder>}. */
    public static ContractRecordings in(String folder) {
        return new ContractRecordings(folder);
    }

    public String folder() {
        return folder;
    }

    public ContractRecordings text(String fixture) {
        return add(Scenario.TEXT, new Plain(fixture));
    }

    public ContractRecordings stream(String fixture) {
        return add(Scenario.STREAM, new Plain(fixture));
    }

    public ContractRecordings toolCall(String fixture, String name) {
        return add(Scenario.TOOL_CALL, new ToolCalls(fixture, List.of(name)));
    }

    public ContractRecordings parallelToolCalls(String fixture, String... names) {
        return add(Scenario.PARALLEL_TOOL_CALLS, new ToolCalls(fixture, List.of(names)));
    }

    public ContractRecordings streamedToolCall(String fixture, String... names) {
        return add(Scenario.STREAMED_TOOL_CALL, new ToolCalls(fixture, List.of(names)));
    }

    public ContractRecordings toolResultFollowUp(String fixture) {
        return add(Scenario.TOOL_RESULT_FOLLOW_UP, new Plain(fixture));
    }

    public ContractRecordings structuredOutput(String fixture, String json) {
        return add(Scenario.STRUCTURED_OUTPUT, new Structured(fixture, json));
    }

    public ContractRecordings cacheUsage(String fixture, UsageMetadata usage) {
        return add(Scenario.USAGE_CACHE, new Usage(fixture, usage));
    }

    public ContractRecordings reasoningUsage(String fixture, UsageMetadata usage) {
        return add(Scenario.USAGE_REASONING, new Usage(fixture, usage));
    }

    /** An error answer of {@code scenario} (one of the {@code ERROR_} scenarios). */
    public ContractRecordings error(Scenario scenario, String fixture, Class<? extends ChatModelException> type) {
        return add(scenario, new Error(fixture, type));
    }

    public ContractRecordings finishReason(String fixture, FinishReason reason) {
        return add(Scenario.FINISH_REASONS, new Finish(fixture, reason));
    }

    /** The provider has no recording of {@code scenario}: the contract shows it skipped with {@code reason}. */
    public ContractRecordings missing(Scenario scenario, String reason) {
        missing.put(scenario, reason);
        return this;
    }

    private ContractRecordings add(Scenario scenario, Recording recording) {
        recorded.computeIfAbsent(scenario, s -> new ArrayList<>()).add(recording);
        return this;
    }

    /** The recordings of {@code scenario}; empty when there are none. */
    public List<Recording> of(Scenario scenario) {
        return recorded.getOrDefault(scenario, List.of());
    }

    /** Why {@code scenario} has no recording, when the provider said so. */
    public Optional<String> whyMissing(Scenario scenario) {
        return Optional.ofNullable(missing.get(scenario));
    }
}
