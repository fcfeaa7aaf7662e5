package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TuiPanesTest {

    private static List<String> texts(List<TuiLine> lines) {
        return lines.stream().map(TuiLine::text).toList();
    }

    @Test
    void aScreenHasExactlyItsRowsNoneWiderThanItsColumns() {
        TuiPanes panes = new TuiPanes("main");
        panes.appendAnswer("word ".repeat(200));
        panes.call("read_file", "{\"path\":\"" + "x".repeat(300) + "\"}");
        for (int[] size : new int[][] {{80, 24}, {40, 10}, {20, 5}, {100, 4}, {30, 2}}) {
            List<TuiLine> lines = panes.render(size[0], size[1]);
            assertThat(lines).as("%dx%d", size[0], size[1]).hasSize(size[1]);
            assertThat(lines)
                    .allSatisfy(line -> assertThat(TuiText.columns(line.text())).isLessThanOrEqualTo(size[0]));
        }
    }

    /** Text starts at the top of its pane, as on a page; once the pane is full, the newest line is at its bottom. */
    @Test
    void layoutIsAnswerThenToolsThenStatusThenPrompt() {
        TuiPanes panes = new TuiPanes("main");
        panes.model("claude-sonnet-4-5");
        panes.turn(2);
        panes.addUsage(1234, 87);
        panes.cost("$0.0031");
        panes.state("running");
        panes.appendAnswer("Hello there.");
        panes.call("shell", "{\"command\":\"ls\"}");
        panes.result("shell", "a.txt\nb.txt", false);

        List<TuiLine> lines = panes.render(80, 14);

        // 10 rows of body: 6 for the answer, 4 for the tools.
        assertThat(lines.get(0).style()).isEqualTo(TuiLine.Style.HEADER);
        assertThat(lines.get(0).text()).startsWith("-- answer ").hasSize(80);
        assertThat(texts(lines.subList(1, 7))).containsExactly("Hello there.", "", "", "", "", "");
        assertThat(lines.get(7).text()).startsWith("-- tools ");
        assertThat(texts(lines.subList(8, 12)))
                .containsExactly("▸ shell {\"command\":\"ls\"}", "✓ shell: a.txt", "b.txt", "");
        assertThat(lines.get(8).style()).isEqualTo(TuiLine.Style.CALL);
        assertThat(lines.get(9).style()).isEqualTo(TuiLine.Style.RESULT);
        assertThat(lines.get(12).style()).isEqualTo(TuiLine.Style.STATUS);
        assertThat(lines.get(12).text())
                .startsWith(" main · running · claude-sonnet-4-5 · turn 2 · 1,234 in · 87 out · $0.0031")
                .hasSize(80);
        assertThat(lines.get(13).style()).isEqualTo(TuiLine.Style.PROMPT);
        assertThat(lines.get(13).text()).contains("Ctrl+C stops the answer");
    }

    @Test
    void theAnswerPaneFollowsTheEndAndScrollsBackWithinItsText() {
        TuiPanes panes = new TuiPanes("main");
        panes.appendAnswer(String.join(
                "\n", IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).toList()));
        // 14 rows: 6 of them answer.
        assertThat(texts(panes.render(40, 14).subList(1, 7)))
                .containsExactly("line 25", "line 26", "line 27", "line 28", "line 29", "line 30");

        panes.scrollAnswer(10);
        assertThat(texts(panes.render(40, 14).subList(1, 7)))
                .containsExactly("line 15", "line 16", "line 17", "line 18", "line 19", "line 20");

        panes.scrollAnswer(1000); // never past the first line
        assertThat(texts(panes.render(40, 14).subList(1, 7)))
                .startsWith("line 1")
                .endsWith("line 6");

        panes.scrollAnswer(-1000); // nor past the last
        assertThat(texts(panes.render(40, 14).subList(1, 7))).endsWith("line 30");
    }

    @Test
    void theToolsPaneShowsItsLatestLines() {
        TuiPanes panes = new TuiPanes("main");
        for (int i = 1; i <= 20; i++) panes.call("tool" + i, "{}");
        List<String> tools = texts(panes.render(40, 14).subList(8, 12));
        assertThat(tools).containsExactly("▸ tool17 {}", "▸ tool18 {}", "▸ tool19 {}", "▸ tool20 {}");
    }

    @Test
    void aLongAnswerLineWrapsInThePane() {
        TuiPanes panes = new TuiPanes("main");
        panes.appendAnswer("alpha beta gamma delta");
        assertThat(texts(panes.render(12, 14).subList(1, 7))).startsWith("alpha beta", "gamma delta");
    }

    @Test
    void aLongResultIsShortenedWithWhatWasLeftOut() {
        TuiPanes panes = new TuiPanes("main");
        panes.result("read_file", "y".repeat(2500), false);
        assertThat(panes.toolEntries().getFirst()).endsWith("… (500 more characters)");
    }

    @Test
    void aQuestionAndTheReasonBeingTypedTakeTheBottomLine() {
        TuiPanes panes = new TuiPanes("main");
        panes.ask("Allow shell?  a = once · s = for this run · d = deny");
        assertThat(panes.render(120, 10).getLast().text())
                .isEqualTo("Allow shell?  a = once · s = for this run · d = deny");
        panes.reason("not now");
        assertThat(panes.render(120, 10).getLast().text())
                .isEqualTo("Denied. Reason for the model (Enter sends · Esc goes back): not now▏");
        panes.reason("x".repeat(200) + " the end");
        assertThat(panes.render(80, 10).getLast().text())
                .startsWith("…")
                .endsWith("x the end▏")
                .hasSize(80);
        panes.ask(null);
        assertThat(panes.render(120, 10).getLast().text()).contains("Ctrl+C stops the answer");
    }

    @Test
    void aNewTurnStartsOnItsOwnLine() {
        TuiPanes panes = new TuiPanes("main");
        panes.appendAnswer("I will look.");
        panes.turn(2);
        panes.appendAnswer("Found it.");
        assertThat(panes.answer()).isEqualTo("I will look.\nFound it.");
    }
}
