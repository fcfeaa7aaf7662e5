package dev.marble.tool.approval;

import tools.jackson.databind.JsonNode;

/** A tool call waiting for a person's (or a flag's) answer. */
public record ApprovalRequest(
        String runId, String toolName, String toolSource, JsonNode arguments, String subject, String reason) {}
