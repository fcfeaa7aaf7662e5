package dev.marble.tool.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellParserTest {

    private static ParsedCommand.Script script(String command) {
        ParsedCommand parsed = ShellParser.parse(command);
        assertThat(parsed).as(command).isInstanceOf(ParsedCommand.Script.class);
        return (ParsedCommand.Script) parsed;
    }

    private static List<List<String>> words(String command) {
        return script(command).all().stream().map(SimpleCommand::texts).toList();
    }

    @Test
    void quotesAndEscapesAreRemovedAsTheShellRemovesThem() {
        assertThat(words("'r''m' -rf \"a b\" c\\ d \\rm")).containsExactly(List.of("rm", "-rf", "a b", "c d", "rm"));
        assertThat(words("echo \"a\\\"b\\$c\\d\" 'x\\y'")).containsExactly(List.of("echo", "a\"b$c\\d", "x\\y"));
        assertThat(words("echo a\\\nb")).as("a line continuation joins").containsExactly(List.of("echo", "ab"));
        assertThat(words("ls # rm -rf /")).containsExactly(List.of("ls"));
        assertThat(words("echo a#b")).containsExactly(List.of("echo", "a#b"));
    }

    @Test
    void everyOperatorSeparatesCommands() {
        for (String operator : List.of(";", "&&", "||", "|", "\n", "|&")) {
            assertThat(words("git status" + operator + "touch X"))
                    .as(operator)
                    .containsExactly(List.of("git", "status"), List.of("touch", "X"));
        }
        SimpleCommand second = script("a; b && c").commands().get(2);
        assertThat(second.describe()).isEqualTo("`c` (3rd command, after '&&')");
        assertThat(script("a | b").commands())
                .extracting(c -> c.placement().pipeline())
                .containsExactly(0, 0);
        assertThat(script("a; b").commands())
                .extracting(c -> c.placement().pipeline())
                .containsExactly(0, 1);
    }

    @Test
    void backgroundMarksTheWholeAndOrList() {
        var commands = script("a; b && c & d").commands();
        assertThat(commands).extracting(c -> c.placement().background()).containsExactly(false, true, true, false);
    }

    @Test
    void substitutionsAreParsedIntoTheCommandsTheyRun() {
        for (String command : List.of(
                "echo $(touch P)",
                "echo `touch P`",
                "echo \"$(touch P)\"",
                "echo ${X:-$(touch P)}",
                "echo $((1 + $(touch P)))",
                "diff <(touch P) b",
                "cat <<EOF\n$(touch P)\nEOF",
                "echo $(echo $(touch P))",
                "echo \"`touch P`\"",
                "x=$(touch P)",
                "for f in $(touch P); do echo; done",
                "ls > $(touch P)",
                "cat < <(touch P)")) {
            List<SimpleCommand> all = script(command).all();
            assertThat(all).as(command).anySatisfy(c -> assertThat(c.texts()).containsExactly("touch", "P"));
            assertThat(all.getLast().substitutes() || all.stream().anyMatch(SimpleCommand::substitutes))
                    .as(command)
                    .isTrue();
        }
        assertThat(script("cat <<'EOF'\n$(touch P)\nEOF").all())
                .as("a quoted here-document is not expanded")
                .hasSize(1);
        assertThat(script("echo '$(touch P)'").all()).hasSize(1);
    }

    @Test
    void redirectionsAreReadWithTheirTargets() {
        SimpleCommand command =
                script("ls 2>/dev/null >out.txt 2>&1 <in").commands().getFirst();
        assertThat(command.texts()).containsExactly("ls");
        assertThat(command.redirections())
                .extracting(Object::toString)
                .containsExactly("2>/dev/null", ">out.txt", "2>&1", "<in");
        assertThat(command.redirections())
                .extracting(Redirection::writesFile)
                .containsExactly(true, true, false, false);
        assertThat(script("if true; then ls; fi > log").all())
                .anySatisfy(c -> assertThat(c.redirections()).hasSize(1));
    }

    @Test
    void expansionsAreFlagged() {
        Word variable = script("$R -rf").commands().getFirst().program();
        assertThat(variable.literal()).isFalse();
        assertThat(script("ls *.txt").commands().getFirst().words().get(1).globs())
                .isTrue();
        assertThat(script("ls '*.txt'").commands().getFirst().words().get(1).literal())
                .isTrue();
        assertThat(script("cd ~/x").commands().getFirst().words().get(1).tilde())
                .isTrue();
        assertThat(script("echo {rm,-rf}").commands().getFirst().words().get(1).braces())
                .isTrue();
        assertThat(script("FOO=1 BAR=$x git status").commands().getFirst().assignments())
                .extracting(Word::assignedName)
                .containsExactly("FOO", "BAR");
    }

    @Test
    void compoundCommandsAreSeenThrough() {
        assertThat(words("if git status; then rm -rf x; else echo no; fi"))
                .containsExactly(List.of("git", "status"), List.of("rm", "-rf", "x"), List.of("echo", "no"));
        assertThat(words("(cd x && ls); { echo a; }"))
                .containsExactly(List.of("cd", "x"), List.of("ls"), List.of("echo", "a"));
        assertThat(words("while true; do rm x; done")).containsExactly(List.of("true"), List.of("rm", "x"));
        assertThat(words("! ls")).containsExactly(List.of("ls"));
        assertThat(script("for f in a b; do rm $f; done").all().getFirst().assignments())
                .extracting(Word::text)
                .containsExactly("f=a", "f=b");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            echo "unclosed       | MALFORMED
            echo 'unclosed       | MALFORMED
            echo `unclosed       | MALFORMED
            echo $(unclosed      | MALFORMED
            echo ${unclosed      | MALFORMED
            echo trailing\\      | MALFORMED
            a &&                 | MALFORMED
            ; ls                 | MALFORMED
            ls ;;                | UNSUPPORTED
            ^ls > ; x^           | MALFORMED
            if true; then ls     | MALFORMED
            fi                   | MALFORMED
            ls )                 | MALFORMED
            case x in x) ls;; esac | UNSUPPORTED
            f() { ls; }          | UNSUPPORTED
            ls &> /dev/null      | UNSUPPORTED
            echo $'a'            | UNSUPPORTED
            [[ -f x ]]           | UNSUPPORTED
            """)
    void whatCannotBeReadIsSaidSo(String command, ParsedCommand.Problem problem) {
        ParsedCommand parsed = ShellParser.parse(command.replace("\\\\", "\\"));
        assertThat(parsed)
                .isInstanceOfSatisfying(
                        ParsedCommand.Unparseable.class,
                        unparseable -> assertThat(unparseable.problem()).isEqualTo(problem));
    }

    @Test
    void controlCharactersThatHideTextAreRefused() {
        ParsedCommand parsed = ShellParser.parse("git status\rtouch X");
        assertThat(parsed)
                .isInstanceOfSatisfying(
                        ParsedCommand.Unparseable.class,
                        u -> assertThat(u.reason()).contains("carriage return"));
        assertThat(ShellParser.parse("echo a\tb")).isInstanceOf(ParsedCommand.Script.class);
    }

    @Test
    void onlyCommandsWithoutShellSyntaxRunAsAnArgumentVector() {
        assertThat(ShellCommandLine.argvIfPlain("git log --format='%h %s' -- a\\ b"))
                .contains(List.of("git", "log", "--format=%h %s", "--", "a b"));
        for (String needsShell : List.of(
                "echo hi",
                "cd x",
                "ls > x",
                "ls | wc",
                "ls *.txt",
                "ls $HOME",
                "X=1 ls",
                "ls ~",
                "ls # c",
                "{ ls; }",
                "! ls",
                "ls &",
                "ls; ",
                "\"\"",
                "echo {a,b}")) {
            assertThat(ShellCommandLine.argvIfPlain(needsShell)).as(needsShell).isEmpty();
        }
    }
}
