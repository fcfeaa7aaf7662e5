package dev.marble.worker;

import dev.marble.config.SourceLocation;
import dev.marble.json.Json;
import dev.marble.tool.Tool;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.Decision;
import dev.marble.tool.builtin.BuiltinToolsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * llm-do's shell rule table (tests/test_shell.py), run twice: through {@link ShellRules#decide}, which
 * is llm-do exactly, and through Marble's real {@link ApprovalPolicy} with the rules
 * {@link ShellApprovalMapping} makes, on the real {@code run_command} tool. Where the two differ the
 * row says so, and Marble asks.
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
        ApprovalPolicy policy = new ApprovalPolicy(ShellApprovalMapping.map(rules, SourceLocation.of(Path.of("w.worker"))).rules(), false);
        return policy.decide(RUN_COMMAND, Json.parse(Json.write(Json.object().put("command", command))), Path.of("/ws")).decision();
    }

    @ParameterizedTest(name = "[{0}] default {1}: {2} -> llm-do {3}, Marble {4}")
    @CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '`', textBlock = """
            # rules                       | default | command              | llm-do | Marble
            git status=allow              | -       | git status           | ALLOW  | ALLOW
            git=allow                     | -       | git status           | ALLOW  | ALLOW
            git=allow                     | ask     | ls -la               | ASK    | ASK
            git=allow                     | -       | ls -la               | DENY   | ASK
            git status=allow, git=ask     | -       | git status           | ALLOW  | ASK
            git status=allow, git=ask     | -       | git push             | ASK    | ASK
            git=ask, git status=allow     | -       | git status           | ASK    | ASK
            rm=ask                        | -       | rm -rf /             | ASK    | ASK
            -                             | allow   | xyz                  | ALLOW  | ALLOW
            -                             | -       | xyz                  | DENY   | ASK
            git=ask                       | allow   | git push             | ASK    | ASK
            git=ask                       | allow   | make                 | ALLOW  | ALLOW
            git *=allow                   | -       | git status           | DENY   | ASK
            git *=allow                   | ask     | git *x               | ALLOW  | ALLOW
            -                             | allow   | `echo hello | cat`   | DENY   | DENY
            -                             | allow   | echo > file.txt      | DENY   | DENY
            -                             | allow   | echo < in            | DENY   | DENY
            -                             | allow   | a ; b                | DENY   | DENY
            -                             | allow   | sleep 1 &            | DENY   | DENY
            -                             | allow   | echo `whoami`        | DENY   | DENY
            -                             | allow   | echo $(whoami)       | DENY   | DENY
            -                             | allow   | echo ${HOME}         | DENY   | DENY
            -                             | allow   | echo $HOME           | ALLOW  | ALLOW
            -                             | allow   | `echo "unclosed`     | DENY   | ALLOW
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
        assertThat(shell.decide("cat f | grep x").reason()).isEqualTo("the command contains the shell metacharacter '|'");
        assertThat(shell.decide("echo 'open").reason()).isEqualTo("the command cannot be split into words: No closing quotation");
        assertThat(shell.decide("echo \\").reason()).isEqualTo("the command cannot be split into words: No escaped character");
        assertThat(shell.decide("ls").reason())
                .isEqualTo("the command is not in the whitelist (no rule matches and there is no default)");
        assertThat(shell.decide("git log").reason()).isEqualTo("shell rule 'git'");
    }

    @Test
    void theMappingSaysWhereMarbleAsksInstead() {
        ApprovalMapping mapping = ShellApprovalMapping.map(rules("git status=allow, git=ask, git status --short=allow", "allow"),
                SourceLocation.of(Path.of("w.worker")));
        assertThat(mapping.notes()).containsExactly("commands starting with 'git status' are asked about: llm-do let them run "
                + "because that rule comes first, but in Marble an asking rule ('git') beats an allowing one");
        assertThat(mapping.rules()).extracting(r -> r.decision() + " " + r.text()).endsWith(
                "ALLOW run_command(git status*)", "ASK run_command(git*)", "ALLOW run_command");
        assertThat(ShellApprovalMapping.map(rules("git=allow", null), SourceLocation.of(Path.of("w.worker"))).notes())
                .containsExactly("commands that match no shell rule are asked about; llm-do refused them (there is no 'default')");
    }
}
