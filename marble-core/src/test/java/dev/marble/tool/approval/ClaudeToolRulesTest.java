package dev.marble.tool.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaudeToolRulesTest {

    @Test
    void claudeCodeNamesBecomeMarbleRules() {
        assertThat(ClaudeToolRules.allowRules(
                        List.of("Read", "Write", "Bash(git *)", "Bash(npm run test:*)", "WebFetch"), null))
                .extracting(r -> r.decision() + " " + r.text())
                .containsExactly(
                        "ALLOW read_file",
                        "ALLOW list_directory",
                        "ALLOW glob",
                        "ALLOW grep",
                        "ALLOW write_file",
                        "ALLOW make_directory",
                        "ALLOW run_command(git *)",
                        "ALLOW run_command(npm run test)",
                        "ALLOW run_command(npm run test *)");
    }
}
