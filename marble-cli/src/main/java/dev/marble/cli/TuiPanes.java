package dev.marble.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the full-screen view of a run shows, without a terminal: the answer as it streams, the tool calls and their
 * results, the status (agent, model, turn, tokens, cost, state) and the question at the bottom. Everything that
 * comes in is sanitized here, once, so no pane can carry a control character to the terminal. {@link #render} lays
 * it out for a screen of a given size; each pane shows its last lines unless scrolled back. Thread-safe: the run,
 * the key reader and resize signals all touch it.
 */
final class TuiPanes {

    /** Rows every screen spends on bars: the two pane titles, the status line and the prompt line. */
    private static final int BARS = 4;

    private static final int RESULT_CHARS = 2_000;

    /** One entry of the tools pane. */
    private record ToolEntry(String text, TuiLine.Style style) {}

    private final StringBuilder answer = new StringBuilder();
    private final List<ToolEntry> tools = new ArrayList<>();
    private final String agent;
    private String model = "";
    private int turn;
    private long inputTokens;
    private long outputTokens;
    private String cost = "";
    private String state = "starting";
    private String question;
    private String reason;
    private int answerScroll;

    TuiPanes(String agent) {
        this.agent = TuiText.sanitize(agent);
    }

    synchronized void model(String model) {
        this.model = TuiText.sanitize(model);
    }

    synchronized void turn(int turn) {
        this.turn = turn;
        if (!answer.isEmpty() && answer.charAt(answer.length() - 1) != '\n') answer.append('\n');
    }

    synchronized void state(String state) {
        this.state = TuiText.sanitize(state);
    }

    synchronized void addUsage(long input, long output) {
        inputTokens += input;
        outputTokens += output;
    }

    synchronized void cost(String cost) {
        this.cost = TuiText.sanitize(cost);
    }

    synchronized void appendAnswer(String text) {
        answer.append(TuiText.sanitize(text));
    }

    /** The answer in the pane, as shown. */
    synchronized String answer() {
        return answer.toString();
    }

    synchronized void call(String tool, String arguments) {
        tools.add(new ToolEntry("▸ " + TuiText.sanitize(tool) + " " + TuiText.sanitize(arguments), TuiLine.Style.CALL));
    }

    synchronized void result(String tool, String content, boolean error) {
        String shown = content.length() > RESULT_CHARS
                ? content.substring(0, RESULT_CHARS) + "… (" + (content.length() - RESULT_CHARS) + " more characters)"
                : content;
        String mark = error ? "✗ " : "✓ ";
        tools.add(new ToolEntry(
                mark + TuiText.sanitize(tool) + ": " + TuiText.sanitize(shown),
                error ? TuiLine.Style.ERROR : TuiLine.Style.RESULT));
    }

    synchronized void note(String text, boolean error) {
        tools.add(new ToolEntry(TuiText.sanitize(text), error ? TuiLine.Style.ERROR : TuiLine.Style.RESULT));
    }

    /** Every line of the tools pane, unwrapped, for tests and for the line printed after the view closes. */
    synchronized List<String> toolEntries() {
        return tools.stream().map(ToolEntry::text).toList();
    }

    /** Shows a question at the bottom (an approval); {@code null} clears it. */
    synchronized void ask(String question) {
        this.question = question == null ? null : TuiText.sanitize(question);
        this.reason = null;
    }

    /** The reason being typed after a question, shown after it; {@code null} when none is being typed. */
    synchronized void reason(String typed) {
        this.reason = typed == null ? null : TuiText.sanitize(typed);
    }

    /** Scrolls the answer back (positive) or forward (negative) by {@code lines}; never past either end. */
    synchronized void scrollAnswer(int lines) {
        answerScroll = Math.max(0, answerScroll + lines);
    }

    /** The screen, {@code width} columns by {@code height} rows: exactly {@code height} lines, none wider. */
    synchronized List<TuiLine> render(int width, int height) {
        int body = Math.max(0, height - BARS);
        int toolRows = body * 2 / 5;
        int answerRows = body - toolRows;
        List<TuiLine> lines = new ArrayList<>(height);
        lines.add(header("answer", width));
        List<String> answerLines = TuiText.wrap(answer.toString(), width);
        answerScroll = Math.min(answerScroll, Math.max(0, answerLines.size() - answerRows));
        window(answerLines, answerRows, answerScroll).forEach(l -> lines.add(new TuiLine(l, TuiLine.Style.ANSWER)));
        lines.add(header("tools", width));
        List<TuiLine> toolLines = new ArrayList<>();
        for (ToolEntry entry : tools) {
            TuiText.wrap(entry.text(), width).forEach(l -> toolLines.add(new TuiLine(l, entry.style())));
        }
        int skipped = Math.max(0, toolLines.size() - toolRows);
        lines.addAll(toolLines.subList(skipped, toolLines.size()));
        for (int i = toolLines.size() - skipped; i < toolRows; i++) lines.add(new TuiLine("", TuiLine.Style.RESULT));
        lines.add(new TuiLine(pad(TuiText.fit(status(), width), width), TuiLine.Style.STATUS));
        // A reason being typed keeps its end in view, where the typing is.
        String prompt = reason == null ? TuiText.fit(prompt(), width) : TuiText.fitEnd(prompt(), width);
        lines.add(new TuiLine(prompt, TuiLine.Style.PROMPT));
        return lines.subList(Math.max(0, lines.size() - height), lines.size());
    }

    /** The state comes first: it is what changes, and a narrow screen cuts the end of the line. */
    private String status() {
        StringBuilder line = new StringBuilder(" ").append(agent).append(" · ").append(state);
        if (!model.isEmpty()) line.append(" · ").append(model);
        if (turn > 0) line.append(" · turn ").append(turn);
        line.append(String.format(Locale.ROOT, " · %,d in · %,d out", inputTokens, outputTokens));
        if (!cost.isEmpty()) line.append(" · ").append(cost);
        return line.toString();
    }

    private String prompt() {
        if (question == null) return "Ctrl+C stops the answer · ↑/↓ PgUp/PgDn scroll the answer";
        if (reason == null) return question;
        return "Denied. Reason for the model (Enter sends · Esc goes back): " + reason + "▏";
    }

    private static TuiLine header(String title, int width) {
        // ASCII: JLine draws box-drawing characters with the terminal's line-drawing set, which not all show.
        String text = "-- " + title + " ";
        return new TuiLine(text + "-".repeat(Math.max(0, width - TuiText.columns(text))), TuiLine.Style.HEADER);
    }

    /** {@code rows} lines of {@code lines}, ending {@code scroll} lines before the last, padded when fewer. */
    private static List<String> window(List<String> lines, int rows, int scroll) {
        List<String> shown = new ArrayList<>(rows);
        int end = lines.size() - scroll;
        for (int i = Math.max(0, end - rows); i < end; i++) shown.add(lines.get(i));
        while (shown.size() < rows) shown.add("");
        return shown;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - TuiText.columns(text)));
    }
}
