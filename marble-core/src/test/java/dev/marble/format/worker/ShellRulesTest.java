package dev.marble.format.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.error.SourceLocation;
import dev.marble.json.Json;
import dev.marble.tool.Tool;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * llm-do's shell rule table (tests/test_shell.py), run twice: through {@link ShellRules#decide}, which
 * is llm-do's policy read with Marble's shell parser (llm-do's refusals are blocks), and through Marble's
 * real {@link ApprovalPolicy} with the rules {@link ShellApprovalMapping} makes, on the real
 * {@code run_command} tool. Where the two differ the row says so: Marble asks where llm-do's rule order
 * cannot be kept or an allowed program is used in a hazardous way, and blocks its own hard blocks.
 */
class ShellRulesTest {

    private static final Tool RUN_COMMAND = BuiltinToolsets.shell().tools().getFirst();

    /** "git status=allow, git=ask" → rules; default "-" (none), "ask" or "allow". */
    static ShellRules rules(String rules, String fallback) {
        List<ShellRules.Rule> list = new ArrayList<>();
        if (rules != null) {
            for (String rule : rules.split(",")) {
                String[] parts = rule.strip().split("=");
                list.add(new ShellRules.Rule(parts[0], parts[1].equals("ask")));
            }
        }
        return new ShellRules(list, fallback == null ? null : fallback.equals("ask"));
    }

    static Decision marble(ShellRules rules, String command) {
        ApprovalPolicy policy = new ApprovalPolicy(
                ShellApprovalMapping.map(rules, SourceLocation.of(Path.of("w.worker")))
                        .rules(),
                false);
        return policy.decide(RUN_COMMAND, Json.parse(Json.write(Json.object().put("command", command))), Path.of("/ws"))
                .decision();
    }

    @ParameterizedTest(name = "[{0}] default {1}: {2} -> llm-do {3}, Marble {4}")
    @CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '`', textBlock = """
            # rules                       | default | command              | llm-do | Marble
            git status=allow              | -       | git status           | ALLOW  | ALLOW
            git=allow                     | -       | git status           | ALLOW  | ALLOW
            git=allow                     | ask     | ls -la               | ASK    | ASK
            git=allow                     | -       | ls -la               | BLOCK  | BLOCK
            git status=allow, git=ask     | -       | git status           | ALLOW  | ASK
            git status=allow, git=ask     | -       | git push             | ASK    | ASK
            git=ask, git status=allow     | -       | git status           | ASK    | ASK
            rm=ask                        | -       | rm -rf /             | ASK    | BLOCK
            rm=ask                        | -       | rm -rf build         | ASK    | ASK
            -                             | allow   | xyz                  | ALLOW  | ALLOW
            -                             | -       | xyz                  | BLOCK  | BLOCK
            git=ask                       | allow   | git push             | ASK    | ASK
            git=ask                       | allow   | make                 | ALLOW  | ALLOW
            git *=allow                   | -       | git status           | BLOCK  | BLOCK
            git *=allow                   | ask     | git *x               | ALLOW  | ASK
            git=allow                     | -       | git -c alias.x=!sh x | ALLOW  | ASK
            -                             | allow   | `echo hello | cat`   | BLOCK  | BLOCK
            -                             | allow   | echo > file.txt      | BLOCK  | BLOCK
            -                             | allow   | echo < in            | BLOCK  | BLOCK
            -                             | allow   | a ; b                | BLOCK  | BLOCK
            -                             | allow   | a && b               | BLOCK  | BLOCK
            -                             | allow   | sleep 1 &            | BLOCK  | BLOCK
            -                             | allow   | echo `whoami`        | BLOCK  | BLOCK
            -                             | allow   | echo $(whoami)       | BLOCK  | BLOCK
            -                             | allow   | echo ${HOME}         | BLOCK  | BLOCK
            -                             | allow   | echo $HOME           | ALLOW  | ALLOW
            -                             | allow   | `echo ';&'`          | ALLOW  | ALLOW
            -                             | allow   | `echo "unclosed`     | BLOCK  | BLOCK
            -                             | allow   | ls -la /tmp          | ALLOW  | ALLOW
            """)
    void table(String rules, String fallback, String command, Decision llmDo, Decision inMarble) {
        ShellRules shell = rules(rules, fallback);
        assertThat(shell.decide(command).decision()).as("llm-do").isEqualTo(llmDo);
        assertThat(marble(shell, command)).as("Marble").isEqualTo(inMarble);
    }

    @Test
    void refusalsSayWhy() {
        ShellRules shell = rules("git=allow", null);
        assertThat(shell.decide("cat f | grep x").reason())
                .isEqualTo("the command contains the shell metacharacter '|'");
        assertThat(shell.decide("echo 'open").reason())
                .isEqualTo("the command cannot be split into words: No closing quotation");
        assertThat(shell.decide("echo \\").reason())
                .isEqualTo("the command cannot be split into words: No escaped character");
        assertThat(shell.decide("ls").reason())
                .isEqualTo("the command is not in the whitelist (no rule matches and there is no default)");
        assertThat(shell.decide("git log").reason()).isEqualTo("shell rule 'git'");
    }

    /** llm-do looked for metacharacters in the text and missed the newline: `git status` then `touch X` ran. */
    @Test
    void aNewlineOrCarriageReturnIsShellSyntaxToo() {
        ShellRules shell = rules("git=allow", "allow");
        for (String command : List.of("git status\ntouch X", "git status\r\ntouch X", "git status\rtouch X")) {
            assertThat(shell.decide(command).decision()).as(command).isEqualTo(Decision.BLOCK);
            assertThat(marble(shell, command)).as(command).isEqualTo(Decision.BLOCK);
        }
        assertThat(shell.decide("git status\ntouch X").reason())
                .isEqualTo("the command contains the shell metacharacter '\\n' (a newline)");
    }

    @Test
    void theMappingSaysWhereMarbleAsksInstead() {
        ApprovalMapping mapping = ShellApprovalMapping.map(
                rules("git status=allow, git=ask, git status --short=allow", "allow"),
                SourceLocation.of(Path.of("w.worker")));
        assertThat(mapping.notes())
                .containsExactly("commands starting with 'git status' are asked about: llm-do let them run "
                        + "because that rule comes first, but in Marble an asking rule ('git') beats an allowing one");
        assertThat(mapping.rules())
                .extracting(r -> r.decision() + " " + r.text())
                .endsWith("ALLOW run_command(git status*)", "ASK run_command(git*)", "ALLOW run_command");
        ApprovalMapping whitelist =
                ShellApprovalMapping.map(rules("git=allow", null), SourceLocation.of(Path.of("w.worker")));
        assertThat(whitelist.notes())
                .as("Marble now blocks outside the whitelist, as llm-do did")
                .isEmpty();
        assertThat(whitelist.rules())
                .extracting(r -> r.decision() + " " + r.text())
                .endsWith("BLOCK run_command(not in the whitelist)");
    }

    /** A whitelist with no default stays blocked under --approve-all: a block is not a question. */
    @Test
    void theWhitelistHoldsUnderApproveAll() {
        ApprovalPolicy policy = new ApprovalPolicy(
                ShellApprovalMapping.map(rules("git=allow", null), SourceLocation.of(Path.of("w.worker")))
                        .rules(),
                false);
        var gate = new ApprovalGate(policy, Approver.approveAll());
        var verdict = gate.check(
                RUN_COMMAND,
                "shell",
                Json.parse(Json.write(Json.object().put("command", "touch X"))),
                "run",
                Path.of("/ws"),
                reason -> {});
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.policyDecision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.reason()).startsWith("blocked: the command is not in the whitelist");
    }
}
