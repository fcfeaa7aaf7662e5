package dev.marble.model;

import tools.jackson.databind.JsonNode;

/**
 * A {@link ServerTool} the provider ran during an answer, as it reported it: what the model asked for and what came
 * back. Shown to people and sinks (as a tool call and its result). The conversation keeps the provider's own blocks
 * for it ({@link Part.ProviderBlock}), which go back to that provider unchanged.
 *
 * @param result  the result as the provider sent it (search results, a fetched page, an error object)
 * @param isError whether the provider reported the use as failed
 */
public record ServerToolUse(String id, String name, JsonNode input, JsonNode result, boolean isError) {}
