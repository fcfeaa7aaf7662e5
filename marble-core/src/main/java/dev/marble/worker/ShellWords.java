package dev.marble.worker;

/**
 * Whether Python's {@code shlex.split} (POSIX mode) would accept a command, which llm-do required
 * before running it: quotes must close and a backslash must escape something.
 */
final class ShellWords {

    private ShellWords() {}

    /** Null when the command splits; otherwise shlex's complaint. */
    static String problem(String command) {
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0;
            } else if (c == '\\') {
                if (i + 1 >= command.length()) return "No escaped character";
                i++;
            } else if (quote == '"') {
                if (c == '"') quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            }
        }
        return quote == 0 ? null : "No closing quotation";
    }
}
