package dev.marble.store;

/**
 * One model call as the journal keeps it. JSON columns are already redacted. {@code costUsd} is
 * null when the price is unknown.
 */
public record CallRecord(
        String id,
        String runId,
        String startedAt,
        String provider,
        String model,
        String modelUsed,
        String status,
        String requestJson,
        String responseJson,
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Double costUsd,
        String costSource,
        long latencyMs,
        int retries,
        String attemptsJson,
        String error) {}
