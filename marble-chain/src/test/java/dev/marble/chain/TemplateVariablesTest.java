package dev.marble.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateVariablesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /home/ada             | /home/ada
            C:\\Users\\x          | /c/Users/x
            c:\\Users\\Lukas Geiger | /c/Users/Lukas Geiger
            D:                    | /d
            \\\\server\\share\\u  | //server/share/u
            relative              | relative
            /mnt/c:odd            | /mnt/c:odd
            """)
    void bashHomeIsCorrectForEveryKindOfHomeAndNeverCrashes(String home, String expected) {
        assertThat(TemplateVariables.bashHome(home)).isEqualTo(expected);
    }

    @Test
    void anEmptyHomeDoesNotCrashEither() {
        assertThat(TemplateVariables.bashHome("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /home/ada/      | /home/ada
            /home/ada       | /home/ada
            C:\\Users\\x\\  | C:\\Users\\x
            /               | /
            C:\\            | C:\\
            """)
    void homeHasNoTrailingSeparatorUnlessItIsARoot(String home, String expected) {
        assertThat(TemplateVariables.withoutTrailingSeparator(home)).isEqualTo(expected);
    }

    @Test
    void ofComputesBashHomeAndMakesTheChainPathsAbsolute() {
        TemplateVariables vars = TemplateVariables.of(
                Path.of("C:\\Users\\x"), "demo", Path.of("state/demo"), Path.of("state/demo/../demo/handoff.md"), 2);
        assertThat(vars.home()).isEqualTo("C:\\Users\\x");
        assertThat(vars.bashHome()).isEqualTo("/c/Users/x");
        assertThat(vars.stateDir()).isEqualTo(Path.of("state/demo").toAbsolutePath());
        assertThat(vars.handoff()).isEqualTo(Path.of("state/demo/handoff.md").toAbsolutePath());
        assertThat(vars.round()).isEqualTo(2);
    }

    @Test
    void everyPlaceholderIsFilled() {
        TemplateVariables vars = TemplateVariables.of(
                Path.of("/home/ada"),
                "research",
                Path.of("/p/state/research"),
                Path.of("/p/state/research/handoff.md"),
                7);
        assertThat(vars.substitute("{HOME}|{BASH_HOME}|{CHAIN}|{STATE_DIR}|{HANDOFF}|{ROUND}|{HOME}"))
                .isEqualTo("/home/ada|/home/ada|research|/p/state/research|/p/state/research/handoff.md|7|/home/ada");
    }

    @Test
    void aValueIsNotExpandedAgainAndUnknownOrLowerCaseBracesStay() {
        TemplateVariables vars = TemplateVariables.of(Path.of("/h/$1"), "{HOME}", Path.of("/s"), Path.of("/s/h.md"), 1);
        assertThat(vars.substitute("{CHAIN} {HOME} {home} {TASK} {{HOME}}"))
                .isEqualTo("{HOME} /h/$1 {home} {TASK} {/h/$1}");
    }

    @Test
    void roundsCountFromOne() {
        assertThatThrownBy(() -> TemplateVariables.of(Path.of("/h"), "c", Path.of("/s"), Path.of("/s/h.md"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("round counts from 1, got 0");
    }
}
