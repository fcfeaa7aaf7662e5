package dev.marble.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.StreamListener;
import org.junit.jupiter.api.Test;

/** The CLI's result line, as Claude Code 2.1.329 printed it (trimmed to the fields that matter here). */
class ClaudeStreamJsonTest {

    private static ClaudeStreamJson.Result read(String resultLine) {
        ClaudeStreamJson stream = new ClaudeStreamJson(StreamListener.NONE, false);
        stream.accept(resultLine);
        return stream.result();
    }

    @Test
    void aResumedRunCostsWhatItSpentNotItsWholeSession() {
        // Printed by `claude -p … --resume ID` after a first run that cost 0.00007: total_cost_usd is the session's.
        var result = read("""
                {"type":"result","subtype":"success","is_error":false,"result":"Your name is Ada.",\
                "session_id":"22222222-2222-3333-4444-555555555555","total_cost_usd":0.00014000000000000001,\
                "usage":{"input_tokens":10,"output_tokens":5},\
                "modelUsage":{"claude-sonnet-5-5":{"inputTokens":20,"outputTokens":10,"costUSD":0.00014000000000000001}},\
                "model_usage_since_last_result":{"claude-sonnet-5-5":{"inputTokens":10,"outputTokens":5,\
                "costUSD":7.000000000000001e-05}}}
                """.strip());
        assertThat(result.costUsd()).isEqualTo(7.000000000000001e-05);
        assertThat(result.usage().inputTokens()).isEqualTo(10);
    }

    @Test
    void everyModelARunUsedIsCounted() {
        var result = read("""
                {"type":"result","is_error":false,"result":"ok","total_cost_usd":9,\
                "model_usage_since_last_result":{"claude-sonnet-5-5":{"costUSD":0.25},"claude-haiku-4-5":{"costUSD":0.5}}}
                """.strip());
        assertThat(result.costUsd()).isEqualTo(0.75);
    }

    @Test
    void aCliThatReportsOnlyTheTotalIsTakenAtItsWord() {
        var result = read("{\"type\":\"result\",\"is_error\":false,\"result\":\"ok\",\"total_cost_usd\":0.0123}");
        assertThat(result.costUsd()).isEqualTo(0.0123);
        assertThat(read("{\"type\":\"result\",\"is_error\":false,\"result\":\"ok\"}")
                        .costUsd())
                .isNull();
    }
}
