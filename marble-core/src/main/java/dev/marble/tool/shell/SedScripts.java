package dev.marble.tool.shell;

/**
 * Reads a sed script far enough to find the commands that leave sed: {@code e} and the {@code s///e}
 * flag run shell commands, {@code w}, {@code W} and {@code s///w} write files. Anything it does not
 * recognise counts as a problem too, so a script is accepted only when every command in it is known.
 */
final class SedScripts {

    private final String script;
    private int i;

    private SedScripts(String script) {
        this.script = script;
    }

    /** Null when every command of {@code script} stays inside sed; otherwise what leaves it. */
    static String problem(String script) {
        try {
            return new SedScripts(script).read();
        } catch (IndexOutOfBoundsException e) {
            return "its script could not be read to the end";
        }
    }

    private String read() {
        while (true) {
            while (i < script.length() && " \t\n;".indexOf(script.charAt(i)) >= 0) i++;
            if (i >= script.length()) return null;
            address();
            skipSpaces();
            if (i < script.length() && script.charAt(i) == '!') {
                i++;
                skipSpaces();
            }
            if (i >= script.length()) return null;
            char command = script.charAt(i++);
            switch (command) {
                case '{', '}', 'd', 'D', 'p', 'P', 'n', 'N', 'g', 'G', 'h', 'H', 'x', '=', 'F', 'z' -> {}
                case 'l', 'q', 'Q', 'L' -> skipDigits();
                case '#', 'a', 'i', 'c', 'r', 'R' -> toEndOfLine();
                case ':', 'b', 't', 'T', 'v' -> toEndOfLabel();
                case 'w', 'W' -> {
                    return "its " + command + " command writes to a file";
                }
                case 'e' -> {
                    return "its e command runs a shell command";
                }
                case 's' -> {
                    char delimiter = script.charAt(i++);
                    if (delimiter == '\\' || delimiter == '\n')
                        return "its s command uses a delimiter Marble does not read";
                    part(delimiter);
                    part(delimiter);
                    while (i < script.length() && "gpiImM0123456789ew".indexOf(script.charAt(i)) >= 0) {
                        char flag = script.charAt(i++);
                        if (flag == 'e') return "its s///e flag runs the result as a shell command";
                        if (flag == 'w') return "its s///w flag writes to a file";
                    }
                }
                case 'y' -> {
                    char delimiter = script.charAt(i++);
                    part(delimiter);
                    part(delimiter);
                }
                default -> {
                    return "its command '" + command + "' is not one Marble knows to stay inside sed";
                }
            }
        }
    }

    private void address() {
        one();
        skipSpaces();
        if (i < script.length() && script.charAt(i) == ',') {
            i++;
            skipSpaces();
            if (i < script.length() && (script.charAt(i) == '+' || script.charAt(i) == '~')) i++;
            one();
        }
    }

    private void one() {
        if (i >= script.length()) return;
        char c = script.charAt(i);
        if (Character.isDigit(c)) {
            skipDigits();
            if (i < script.length() && script.charAt(i) == '~') {
                i++;
                skipDigits();
            }
        } else if (c == '$') {
            i++;
        } else if (c == '/' || c == '\\') {
            char delimiter = c == '\\' ? script.charAt(++i) : c;
            i++;
            part(delimiter);
            while (i < script.length() && (script.charAt(i) == 'I' || script.charAt(i) == 'M')) i++;
        }
    }

    /** Up to and past the next unescaped {@code delimiter}. */
    private void part(char delimiter) {
        while (script.charAt(i) != delimiter) {
            if (script.charAt(i) == '\\') i++;
            i++;
        }
        i++;
    }

    private void skipSpaces() {
        while (i < script.length() && (script.charAt(i) == ' ' || script.charAt(i) == '\t')) i++;
    }

    private void skipDigits() {
        skipSpaces();
        while (i < script.length() && Character.isDigit(script.charAt(i))) i++;
    }

    private void toEndOfLine() {
        while (i < script.length() && script.charAt(i) != '\n') {
            if (script.charAt(i) == '\\') i++;
            i++;
        }
    }

    private void toEndOfLabel() {
        while (i < script.length() && script.charAt(i) != '\n' && script.charAt(i) != ';' && script.charAt(i) != '}')
            i++;
    }
}
