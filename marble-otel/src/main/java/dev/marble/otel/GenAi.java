package dev.marble.otel;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute keys of the OpenTelemetry GenAI semantic conventions (development status; v1.41.0 by default, the
 * latest on request, see {@link Semconv}) that Marble sets, and Marble's own under {@code marble.*}. Held here once, as typed keys, so that a
 * misspelt name cannot creep into one span kind only.
 */
final class GenAi {

    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> USAGE_CACHE_READ = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> USAGE_CACHE_CREATION =
            AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    /** The latest conventions' name for {@link #USAGE_CACHE_CREATION} (semantic-conventions-genai #440). */
    static final AttributeKey<Long> USAGE_CACHE_WRITE = AttributeKey.longKey("gen_ai.usage.cache_write.input_tokens");

    static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
    static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("gen_ai.agent.id");
    static final AttributeKey<String> WORKFLOW_NAME = AttributeKey.stringKey("gen_ai.workflow.name");
    static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    // Content: opt-in only (ContentCapture).
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> SYSTEM_INSTRUCTIONS = AttributeKey.stringKey("gen_ai.system_instructions");
    static final AttributeKey<String> TOOL_CALL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
    static final AttributeKey<String> TOOL_CALL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");

    // Marble's own.
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("marble.run.id");
    static final AttributeKey<String> RUN_KIND = AttributeKey.stringKey("marble.run.kind");
    static final AttributeKey<String> RUN_ENDING = AttributeKey.stringKey("marble.run.ending");
    static final AttributeKey<Long> TURNS = AttributeKey.longKey("marble.turns");
    static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("marble.cost.usd");
    static final AttributeKey<String> COST_SOURCE = AttributeKey.stringKey("marble.cost.source");
    static final AttributeKey<Long> RETRIES = AttributeKey.longKey("marble.retries");
    static final AttributeKey<String> TOOL_SOURCE = AttributeKey.stringKey("marble.tool.source");
    static final AttributeKey<String> APPROVAL_DECISION = AttributeKey.stringKey("marble.approval.decision");
    static final AttributeKey<String> APPROVAL_DECIDED_BY = AttributeKey.stringKey("marble.approval.decided_by");
    static final AttributeKey<String> CHAIN_NAME = AttributeKey.stringKey("marble.chain.name");
    static final AttributeKey<Long> CHAIN_ROUND = AttributeKey.longKey("marble.chain.round");
    static final AttributeKey<Long> CHAIN_LINK = AttributeKey.longKey("marble.chain.link");
    static final AttributeKey<String> CHAIN_LINK_NAME = AttributeKey.stringKey("marble.chain.link.name");
    static final AttributeKey<String> CHAIN_LINK_ROLE = AttributeKey.stringKey("marble.chain.link.role");
    static final AttributeKey<Boolean> CHAIN_LINK_RESUMED = AttributeKey.booleanKey("marble.chain.link.resumed");
    static final AttributeKey<String> CHAIN_LINK_OUTCOME = AttributeKey.stringKey("marble.chain.link.outcome");
    static final AttributeKey<String> CHAIN_LINK_RUN_ID = AttributeKey.stringKey("marble.chain.link.run_id");

    // gen_ai.operation.name values.
    static final String CHAT = "chat";
    static final String INVOKE_AGENT = "invoke_agent";
    static final String INVOKE_WORKFLOW = "invoke_workflow";
    static final String EXECUTE_TOOL = "execute_tool";

    private GenAi() {}
}
