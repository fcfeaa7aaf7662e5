package dev.marble.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an example command line of a help text into its words as a POSIX shell would for the cases examples use:
 * single and double quotes, backslash-newline continuations; a pipe's left side, {@code <(…)} around the command
 * and redirections are dropped.
 */
final class ShellWords {

    private ShellWords() {}

    static List<String> split(String line) {
        String text = line.replace("\\\n", " ");
        int marble = text.indexOf("marble ");
        if (marble > 0) text = text.substring(marble);
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) word = new StringBuilder();
            } else if (Character.isWhitespace(c)) {
                if (word != null) words.add(word.toString());
                word = null;
            } else if ((c == '<' || c == '>' || c == '|' || c == '#') && word == null || c == ')') {
                if (word != null) words.add(word.toString());
                word = null;
                break; // a redirection, a pipe onwards, the end of <(…) or a comment: not marble's words
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unclosed quote in: " + line);
        if (word != null) words.add(word.toString());
        return words;
    }
}
