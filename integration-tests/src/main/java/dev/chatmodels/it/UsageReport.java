package dev.chatmodels.it;

import java.util.Map;

import dev.chatmodels.usage.UsageMetadata;

/** The token usage of several calls: summed per model name as the provider reported it, and in total. */
public record UsageReport(Map<String, UsageMetadata> byModel, UsageMetadata total) {
}
