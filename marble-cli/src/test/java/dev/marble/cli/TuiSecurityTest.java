package dev.marble.cli;

import static dev.marble.cli.TuiEvents.called;
import static dev.marble.cli.TuiEvents.returned;
import static dev.marble.cli.TuiEvents.started;
import static dev.marble.cli.TuiEvents.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.secret.SecretRedactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hostile model (or a file it read, or a command it ran) writes terminal escape sequences into its answer, its
 * tool calls and its tool results: clear the screen, set the window title, write the clipboard (OSC 52), hide text,
 * move the cursor over the approval question, reverse the text direction. None of it may reach the person's
 * terminal raw: every row the full-screen view draws is free of control characters.
 */
class TuiSecurityTest {

    private static final String ESC = "\u001b";
    private static final String ATTACK = "before" + ESC + "[2J" + ESC + "]0;owned" + "\u0007" + ESC
            + "]52;c;cm0gLXJmIH4=" + "\u0007" + ESC + "[8m" + "hidden" + "\r" + "a = approve" + "\u009b" + "31m"
            + "\u202e" + "txt.exe" + "\u0008\u0008" + "after";

    private final TuiPanes panes = new TuiPanes("main");
    private final TuiListener listener = new TuiListener(panes, SecretRedactor.fromEnvironment(Map.of()), () -> {});

    @Test
    void escapeSequencesFromTheModelAndItsToolsNeverReachTheTerminal() {
        listener.accept(started("r1", "main", null));
        listener.accept(text("r1", ATTACK));
        listener.accept(called("r1", "t1", "shell" + ESC + "[1A", "{\"command\":\"cat notes\"}"));
        listener.accept(returned("r1", "t1", "shell", ATTACK, false));
        listener.accept(returned("r1", "t2", "shell", ATTACK, true));
        panes.ask("Allow shell" + ESC + "[2K?");
        panes.reason(ATTACK);

        List<TuiLine> screen = panes.render(400, 40);

        assertThat(screen)
                .allSatisfy(line -> assertThat(line.text())
                        .as("a row the terminal is sent")
                        .doesNotContain(ESC, "\u0007", "\r", "\u0008", "\u009b", "\u202e"));
        String shown = String.join("\n", screen.stream().map(TuiLine::text).toList());
        // The attack is shown for what it is, inert, so the person sees that something tried.
        assertThat(shown).contains("before^[[2J^[]0;owned^G", "^M", "^?31m", "?txt.exe^H^H", "after");
    }

    @Test
    void controlCharactersOfEveryKindAreMadeVisible() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) if (c != '\n') all.append(c);
        all.append('\u007f');
        for (char c = 0x80; c < 0xa0; c++) all.append(c);
        all.append("\u200b\u200e\u2066\ufeff");

        String sanitized = TuiText.sanitize(all.toString());

        assertThat(sanitized.chars().filter(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                .isEmpty();
    }
}
