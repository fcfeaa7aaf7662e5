package dev.marble.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns for terminal listings; the last column is not padded. */
final class Table {

    private final String indent;
    private final List<String[]> rows = new ArrayList<>();

    Table(String indent, String... headings) {
        this.indent = indent;
        rows.add(headings);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintStream out) {
        print(out, Palette.PLAIN);
    }

    /** With the headings in the palette's heading style (bold at a terminal). */
    void print(PrintStream out, Palette palette) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) widths[c] = Math.max(widths[c], row[c].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) line.append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            String text = line.toString().stripTrailing();
            out.println(row == rows.getFirst() ? palette.heading(text) : text);
        }
    }
}
