package dev.marble.tool.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Reads a command line the way {@code /bin/sh -c} will, into its simple commands: quoting and escapes,
 * the operators {@code ; && || | &} and newlines, redirections and here-documents, {@code $( )},
 * backticks, {@code <( )}, parameter and arithmetic expansion, subshells, brace groups, {@code if},
 * {@code while}, {@code until} and {@code for}. What it cannot read with certainty becomes
 * {@link ParsedCommand.Unparseable}: {@code case}, function definitions, and constructs that dash and
 * bash read differently ({@code &>}, {@code $'…'}).
 *
 * <p>Written by hand because no maintained Java library parses POSIX sh into simple commands: the
 * available ones split words (as Python's shlex does), which is exactly the mistake of matching rules
 * against text that the shell reads as several commands. The parser is deliberately strict: anything
 * it is unsure of is refused rather than guessed, because a wrong guess is a way past a rule.
 */
public final class ShellParser {

    private static final Set<String> UNSUPPORTED_WORDS =
            Set.of("case", "esac", "function", "select", "[[", "]]", "coproc", "in", ";;");

    private final String src;
    private int pos;
    /** Here-documents whose bodies start after the next newline. */
    private final Deque<PendingHereDoc> hereDocs;

    private ShellParser(String src, Deque<PendingHereDoc> hereDocs) {
        this.src = src;
        this.hereDocs = hereDocs;
    }

    /** Reads {@code text} as sh would; never throws. */
    public static ParsedCommand parse(String text) {
        try {
            rejectControlCharacters(text);
            ShellParser parser = new ShellParser(text, new ArrayDeque<>());
            List<Builder> commands = parser.list(SimpleCommand.Context.TOP, false);
            return new ParsedCommand.Script(
                    text, commands.stream().map(Builder::build).toList());
        } catch (Refusal refusal) {
            return new ParsedCommand.Unparseable(text, refusal.problem, refusal.getMessage());
        } catch (StackOverflowError deep) {
            return new ParsedCommand.Unparseable(text, ParsedCommand.Problem.UNSUPPORTED, "it nests too deeply");
        }
    }

    /**
     * A carriage return (or another control character) shows at a terminal as something other than what
     * runs: {@code git status\rtouch X} prints as {@code touch X}. Tab and newline are the shell's own.
     */
    private static void rejectControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
                throw malformed("it contains the control character " + String.format("U+%04X", (int) c)
                        + (c == '\r' ? " (carriage return)" : "") + ", which can hide text when the command is shown");
            }
        }
    }

    // ---------------------------------------------------------------- lists of commands

    /**
     * Reads commands until the end of the text, or (with {@code untilParen}) the {@code )} closing a
     * {@code $(} or {@code <(}, which it consumes.
     */
    private List<Builder> list(SimpleCommand.Context context, boolean untilParen) {
        ListState state = new ListState(context);
        while (true) {
            skipBlanks();
            if (atEnd()) {
                if (untilParen) throw malformed("a $( or <( is not closed with )");
                state.end("the end");
                return state.out;
            }
            char c = src.charAt(pos);
            if (c == '#') {
                while (!atEnd() && src.charAt(pos) != '\n') pos++;
            } else if (c == '\n') {
                pos++;
                state.separator("newline", false);
                readHereDocs();
            } else if (c == ')') {
                pos++;
                if (!state.open.isEmpty() && state.open.peek().equals("(")) {
                    state.finish();
                    state.open.pop();
                    state.afterCompound = true;
                } else if (untilParen && state.open.isEmpty()) {
                    state.end("')'");
                    return state.out;
                } else {
                    throw malformed("a ')' closes nothing");
                }
            } else if (c == '(') {
                if (state.current != null
                        && state.current.words.size() == 1
                        && src.substring(pos + 1).strip().startsWith(")")) {
                    throw unsupported("it defines a shell function, which Marble does not analyse");
                }
                if (state.current != null || state.afterCompound)
                    throw malformed("a '(' stands where the shell expects an operator");
                pos++;
                state.open.push("(");
                state.expectCommand = false;
            } else if (c == ';') {
                if (peek(1) == ';') throw unsupported("';;' belongs to case, which Marble does not analyse");
                pos++;
                state.separator(";", true);
            } else if (c == '&') {
                if (peek(1) == '&') {
                    pos += 2;
                    state.joiner("&&");
                } else if (peek(1) == '>') {
                    throw unsupported(
                            "'&>' runs the command in the background in dash but redirects both streams in bash");
                } else {
                    pos++;
                    state.background();
                }
            } else if (c == '|') {
                if (peek(1) == '|') {
                    pos += 2;
                    state.joiner("||");
                } else {
                    pos += peek(1) == '&' ? 2 : 1;
                    state.joiner("|");
                }
            } else if ((c == '<' || c == '>') && peek(1) != '(') {
                redirection(-1, state.redirectTarget());
            } else {
                word(state);
            }
        }
    }

    private void word(ListState state) {
        int start = pos;
        WordState read = readWord(state.context);
        Word word = read.build(src.substring(start, pos));
        if (!atEnd()
                && (src.charAt(pos) == '<' || src.charAt(pos) == '>')
                && peek(1) != '('
                && word.source().matches("[0-9]+")) {
            redirection(Integer.parseInt(word.source().length() > 9 ? "9999" : word.source()), state.redirectTarget());
            return;
        }
        if (state.current == null) {
            if (state.afterCompound) throw malformed("'" + word.source() + "' follows the end of a compound command");
            if (word.source().equals(word.text()) && reservedWord(word.text(), state)) return;
            state.start(start);
        }
        Builder current = state.current;
        current.end = pos;
        current.substituted.addAll(read.nested);
        if (current.words.isEmpty() && word.assignedName() != null) current.assignments.add(word);
        else current.words.add(word);
    }

    /** Handles a reserved word in command position; false when {@code text} is not one. */
    private boolean reservedWord(String text, ListState state) {
        Deque<String> open = state.open;
        switch (text) {
            case "!" -> {}
            case "{", "if" -> open.push(text);
            case "while", "until" -> open.push("while");
            case "then" -> replace(open, Set.of("if", "elif"), "then", text);
            case "elif", "else" -> replace(open, Set.of("then"), text, text);
            case "do" -> replace(open, Set.of("while", "for"), "do", text);
            case "fi" -> close(open, Set.of("then", "else"), text, state);
            case "done" -> close(open, Set.of("do"), text, state);
            case "}" -> close(open, Set.of("{"), text, state);
            case "for" -> forLoop(state);
            default -> {
                if (UNSUPPORTED_WORDS.contains(text)) {
                    throw unsupported("it uses '" + text + "', which Marble does not analyse");
                }
                return false;
            }
        }
        state.expectCommand = false;
        return true;
    }

    private static void replace(Deque<String> open, Set<String> after, String now, String word) {
        if (open.isEmpty() || !after.contains(open.peek())) throw malformed("'" + word + "' is out of place");
        open.pop();
        open.push(now);
    }

    private static void close(Deque<String> open, Set<String> after, String word, ListState state) {
        if (open.isEmpty() || !after.contains(open.peek())) throw malformed("'" + word + "' closes nothing");
        open.pop();
        state.afterCompound = true;
    }

    /**
     * {@code for NAME [in WORD...]}: the values are expanded like any word, so they become a pseudo-command
     * assigning NAME each value (which is what the loop does).
     */
    private void forLoop(ListState state) {
        skipBlanks();
        int start = pos;
        WordState nameState = readWord(state.context);
        String name = src.substring(start, pos);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw malformed("'for' needs a variable name, not '" + name + "'");
        Builder values = new Builder(start, state.context);
        values.substituted.addAll(nameState.nested);
        skipBlanks();
        int save = pos;
        while (!atEnd() && src.charAt(pos) == '\n') {
            pos++;
            skipBlanks();
        }
        if (src.startsWith("in", pos) && (pos + 2 == src.length() || " \t\n;".indexOf(src.charAt(pos + 2)) >= 0)) {
            pos += 2;
            while (true) {
                skipBlanks();
                if (atEnd() || src.charAt(pos) == ';' || src.charAt(pos) == '\n') break;
                if ("&|<>()".indexOf(src.charAt(pos)) >= 0) throw malformed("'for … in' is followed by an operator");
                int wordStart = pos;
                WordState value = readWord(state.context);
                Word word = value.build(src.substring(wordStart, pos));
                values.substituted.addAll(value.nested);
                values.assignments.add(new Word(
                        name + "=" + word.text(),
                        name + "=" + word.source(),
                        word.expands(),
                        word.substitutes(),
                        word.globs(),
                        word.tilde(),
                        word.braces()));
            }
        } else {
            pos = save;
        }
        values.end = pos;
        if (!values.assignments.isEmpty() || !values.substituted.isEmpty()) state.add(values);
        if (!atEnd() && src.charAt(pos) == ';') pos++;
        state.open.push("for");
    }

    // ---------------------------------------------------------------- redirections and here-documents

    private void redirection(int fd, Builder owner) {
        Redirection.Kind kind = redirectionKind();
        pos += kind.operator().length();
        skipBlanks();
        boolean processSubstitution = !atEnd() && (src.charAt(pos) == '<' || src.charAt(pos) == '>') && peek(1) == '(';
        if (atEnd() || ("\n;&|<>()".indexOf(src.charAt(pos)) >= 0 && !processSubstitution)) {
            throw malformed("the redirection '" + kind.operator() + "' has no target");
        }
        int start = pos;
        WordState read = readWord(owner.context);
        Word target = read.build(src.substring(start, pos));
        owner.substituted.addAll(read.nested);
        owner.redirections.add(new Redirection(fd, kind, target));
        owner.end = pos;
        if (kind == Redirection.Kind.HERE_DOC || kind == Redirection.Kind.HERE_DOC_STRIP_TABS) {
            boolean quoted =
                    !target.source().equals(target.text()) || target.source().contains("\\");
            hereDocs.add(
                    new PendingHereDoc(owner, target.text(), quoted, kind == Redirection.Kind.HERE_DOC_STRIP_TABS));
        }
    }

    private Redirection.Kind redirectionKind() {
        if (src.startsWith("<<<", pos)) return Redirection.Kind.HERE_STRING;
        if (src.startsWith("<<-", pos)) return Redirection.Kind.HERE_DOC_STRIP_TABS;
        if (src.startsWith("<<", pos)) return Redirection.Kind.HERE_DOC;
        if (src.startsWith("<>", pos)) return Redirection.Kind.READ_WRITE;
        if (src.startsWith("<&", pos)) return Redirection.Kind.DUPLICATE_INPUT;
        if (src.startsWith("<", pos)) return Redirection.Kind.INPUT;
        if (src.startsWith(">>", pos)) return Redirection.Kind.APPEND;
        if (src.startsWith(">|", pos)) return Redirection.Kind.CLOBBER;
        if (src.startsWith(">&", pos)) return Redirection.Kind.DUPLICATE_OUTPUT;
        return Redirection.Kind.OUTPUT;
    }

    /** After a newline: the bodies of the here-documents opened on the line before, in order. */
    private void readHereDocs() {
        while (!hereDocs.isEmpty()) {
            PendingHereDoc doc = hereDocs.poll();
            StringBuilder body = new StringBuilder();
            while (!atEnd()) {
                int lineEnd = src.indexOf('\n', pos);
                String line = src.substring(pos, lineEnd < 0 ? src.length() : lineEnd);
                pos = lineEnd < 0 ? src.length() : lineEnd + 1;
                String compared = doc.stripTabs() ? line.replaceFirst("^\t+", "") : line;
                if (compared.equals(doc.delimiter())) break;
                body.append(line).append('\n');
            }
            if (!doc.quoted()) expandHereDoc(body.toString(), doc.owner());
        }
    }

    /** An unquoted here-document is expanded like a double-quoted word: its substitutions run. */
    private void expandHereDoc(String body, Builder owner) {
        ShellParser inner = new ShellParser(body, hereDocs);
        WordState state = new WordState();
        while (!inner.atEnd()) {
            char c = body.charAt(inner.pos);
            if (c == '\\') {
                inner.pos += 2;
            } else if (c == '$') {
                inner.dollar(state, true, SimpleCommand.Context.SUBSTITUTION);
            } else if (c == '`') {
                inner.backticks(state, true, SimpleCommand.Context.SUBSTITUTION);
            } else {
                inner.pos++;
            }
        }
        owner.substituted.addAll(state.nested);
    }

    // ---------------------------------------------------------------- words

    private WordState readWord(SimpleCommand.Context context) {
        WordState word = new WordState();
        int braceStart = -1;
        while (true) {
            skipContinuations();
            if (atEnd()) break;
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == ')' || c == '(') break;
            if (c == '<' || c == '>') {
                if (peek(1) != '(') break;
                int start = pos;
                pos += 2;
                word.nested.addAll(list(SimpleCommand.Context.PROCESS_SUBSTITUTION, true));
                word.substitutes = true;
                word.expands = true;
                word.text.append(src, start, pos);
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (pos + 1 >= src.length()) throw malformed("No escaped character");
                    word.text.append(src.charAt(pos + 1));
                    word.quoted = true;
                    pos += 2;
                }
                case '\'' -> {
                    int end = src.indexOf('\'', pos + 1);
                    if (end < 0) throw malformed("No closing quotation");
                    word.text.append(src, pos + 1, end);
                    word.quoted = true;
                    pos = end + 1;
                }
                case '"' -> doubleQuoted(word, context);
                case '$' -> dollar(word, false, context);
                case '`' -> backticks(word, false, context);
                case '*', '?', '[' -> {
                    word.globs = true;
                    word.text.append(c);
                    pos++;
                }
                case '~' -> {
                    String sofar = word.text.toString();
                    if ((sofar.isEmpty() && !word.quoted) || sofar.matches("[A-Za-z_][A-Za-z0-9_]*=(.*:)?"))
                        word.tilde = true;
                    word.text.append(c);
                    pos++;
                }
                case '{' -> {
                    braceStart = word.text.length();
                    word.text.append(c);
                    pos++;
                }
                case '}' -> {
                    if (braceStart >= 0) {
                        String inside = word.text.substring(braceStart);
                        if (inside.contains(",") || inside.contains("..")) word.braces = true;
                    }
                    word.text.append(c);
                    pos++;
                }
                default -> {
                    word.text.append(c);
                    pos++;
                }
            }
        }
        return word;
    }

    private void doubleQuoted(WordState word, SimpleCommand.Context context) {
        pos++;
        word.quoted = true;
        while (true) {
            skipContinuations();
            if (atEnd()) throw malformed("No closing quotation");
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\' && pos + 1 < src.length() && "$`\"\\".indexOf(src.charAt(pos + 1)) >= 0) {
                word.text.append(src.charAt(pos + 1));
                pos += 2;
            } else if (c == '$') {
                dollar(word, true, context);
            } else if (c == '`') {
                backticks(word, true, context);
            } else {
                word.text.append(c);
                pos++;
            }
        }
    }

    /** {@code $name}, {@code ${…}}, {@code $( )}, {@code $(( ))}, or a plain dollar sign. */
    private void dollar(WordState word, boolean inDoubleQuotes, SimpleCommand.Context context) {
        int start = pos;
        char next = peek(1);
        if (next == '(' && peek(2) == '(') {
            arithmetic(word);
        } else if (next == '(') {
            pos += 2;
            word.nested.addAll(list(SimpleCommand.Context.SUBSTITUTION, true));
            word.substitutes = true;
            word.expands = true;
        } else if (next == '{') {
            parameter(word);
        } else if (Character.isLetter(next) || next == '_') {
            pos++;
            while (!atEnd() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
            word.expands = true;
        } else if (next != 0 && "0123456789@*#?$!-".indexOf(next) >= 0) {
            pos += 2;
            word.expands = true;
        } else if (!inDoubleQuotes && (next == '\'' || next == '"')) {
            throw unsupported("its $" + next + "…" + next + " quoting is read differently by dash and bash");
        } else {
            pos++;
        }
        word.text.append(src, start, pos);
    }

    /** <code>${…}</code>: to the matching brace, reading the quotes and substitutions inside it. */
    private void parameter(WordState word) {
        pos += 2;
        word.expands = true;
        while (true) {
            skipContinuations();
            if (atEnd()) throw malformed("a ${ is not closed with }");
            char c = src.charAt(pos);
            switch (c) {
                case '}' -> {
                    pos++;
                    return;
                }
                case '\\' -> pos += 2;
                case '\'' -> {
                    int end = src.indexOf('\'', pos + 1);
                    if (end < 0) throw malformed("No closing quotation");
                    pos = end + 1;
                }
                case '"' -> {
                    WordState inner = new WordState();
                    doubleQuoted(inner, SimpleCommand.Context.SUBSTITUTION);
                    word.absorb(inner);
                }
                case '$' -> {
                    WordState inner = new WordState();
                    dollar(inner, true, SimpleCommand.Context.SUBSTITUTION);
                    word.absorb(inner);
                }
                case '`' -> {
                    WordState inner = new WordState();
                    backticks(inner, true, SimpleCommand.Context.SUBSTITUTION);
                    word.absorb(inner);
                }
                default -> pos++;
            }
        }
    }

    /** {@code $(( ))}: to the matching double parenthesis; substitutions inside still run. */
    private void arithmetic(WordState word) {
        pos += 3;
        word.expands = true;
        int depth = 0;
        while (true) {
            skipContinuations();
            if (atEnd()) throw malformed("a $(( is not closed with ))");
            char c = src.charAt(pos);
            if (c == '(') {
                depth++;
                pos++;
            } else if (c == ')') {
                if (depth > 0) {
                    depth--;
                    pos++;
                } else if (peek(1) == ')') {
                    pos += 2;
                    return;
                } else {
                    throw unsupported(
                            "its $(( … ) could be arithmetic or a subshell; dash and bash decide differently");
                }
            } else if (c == '$') {
                WordState inner = new WordState();
                dollar(inner, true, SimpleCommand.Context.SUBSTITUTION);
                word.absorb(inner);
            } else if (c == '`') {
                WordState inner = new WordState();
                backticks(inner, true, SimpleCommand.Context.SUBSTITUTION);
                word.absorb(inner);
            } else {
                pos++;
            }
        }
    }

    /** {@code `…`}: the old command substitution, whose text is read again after its escapes are removed. */
    private void backticks(WordState word, boolean inDoubleQuotes, SimpleCommand.Context context) {
        int start = pos;
        pos++;
        StringBuilder inner = new StringBuilder();
        while (true) {
            if (atEnd()) throw malformed("No closing quotation");
            char c = src.charAt(pos);
            if (c == '`') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                char escaped = src.charAt(pos + 1);
                if (escaped == '$' || escaped == '`' || escaped == '\\' || (inDoubleQuotes && escaped == '"')) {
                    inner.append(escaped);
                } else {
                    inner.append(c).append(escaped);
                }
                pos += 2;
            } else {
                inner.append(c);
                pos++;
            }
        }
        ShellParser nested = new ShellParser(inner.toString(), new ArrayDeque<>());
        word.nested.addAll(nested.list(SimpleCommand.Context.SUBSTITUTION, false));
        word.substitutes = true;
        word.expands = true;
        word.text.append(src, start, pos);
    }

    // ---------------------------------------------------------------- characters

    private boolean atEnd() {
        return pos >= src.length();
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < src.length() ? src.charAt(at) : 0;
    }

    /** A backslash before a newline joins the lines (outside single quotes and here-documents). */
    private void skipContinuations() {
        while (pos + 1 < src.length() && src.charAt(pos) == '\\' && src.charAt(pos + 1) == '\n') pos += 2;
    }

    private void skipBlanks() {
        while (true) {
            skipContinuations();
            if (atEnd() || (src.charAt(pos) != ' ' && src.charAt(pos) != '\t')) return;
            pos++;
        }
    }

    private static Refusal malformed(String reason) {
        return new Refusal(ParsedCommand.Problem.MALFORMED, reason);
    }

    private static Refusal unsupported(String reason) {
        return new Refusal(ParsedCommand.Problem.UNSUPPORTED, reason);
    }

    // ---------------------------------------------------------------- state

    /** Why parsing stopped; no stack trace, it is an answer, not a failure. */
    private static final class Refusal extends RuntimeException {
        final ParsedCommand.Problem problem;

        Refusal(ParsedCommand.Problem problem, String reason) {
            super(reason, null, false, false);
            this.problem = problem;
        }
    }

    private record PendingHereDoc(Builder owner, String delimiter, boolean quoted, boolean stripTabs) {}

    /** A word being read. */
    private static final class WordState {
        final StringBuilder text = new StringBuilder();
        final List<Builder> nested = new ArrayList<>();
        boolean quoted;
        boolean expands;
        boolean substitutes;
        boolean globs;
        boolean tilde;
        boolean braces;

        void absorb(WordState inner) {
            nested.addAll(inner.nested);
            expands |= inner.expands;
            substitutes |= inner.substitutes;
        }

        Word build(String source) {
            return new Word(text.toString(), source, expands, substitutes, globs, tilde, braces);
        }
    }

    /** A simple command being read. */
    private final class Builder {
        final int start;
        int end;
        final SimpleCommand.Context context;
        final List<Word> assignments = new ArrayList<>();
        final List<Word> words = new ArrayList<>();
        final List<Redirection> redirections = new ArrayList<>();
        final List<Builder> substituted = new ArrayList<>();
        int ordinal;
        String after;
        int pipeline;
        boolean background;

        Builder(int start, SimpleCommand.Context context) {
            this.start = start;
            this.end = start;
            this.context = context;
        }

        boolean isEmpty() {
            return assignments.isEmpty() && words.isEmpty() && redirections.isEmpty() && substituted.isEmpty();
        }

        SimpleCommand build() {
            return new SimpleCommand(
                    assignments,
                    words,
                    redirections,
                    substituted.stream().map(Builder::build).toList(),
                    new SimpleCommand.Placement(ordinal, after, pipeline, background, context),
                    src.substring(start, Math.max(start, end)).strip());
        }
    }

    /** One list of commands being read: the top level, or the inside of a substitution. */
    private final class ListState {
        final SimpleCommand.Context context;
        final List<Builder> out = new ArrayList<>();
        final Deque<String> open = new ArrayDeque<>();
        Builder current;
        /** Redirections after fi, done, a closing brace or parenthesis apply to the whole compound. */
        Builder compoundRedirects;

        boolean afterCompound;
        /** After {@code | && ||}: another command must follow. */
        boolean expectCommand;

        String pendingAfter;
        int pipeline;
        int listStart;

        ListState(SimpleCommand.Context context) {
            this.context = context;
        }

        void start(int at) {
            current = new Builder(at, context);
            expectCommand = false;
        }

        Builder redirectTarget() {
            if (afterCompound) {
                if (compoundRedirects == null) {
                    compoundRedirects = new Builder(pos, context);
                    add(compoundRedirects);
                }
                return compoundRedirects;
            }
            if (current == null) start(pos);
            return current;
        }

        void add(Builder command) {
            command.ordinal = out.size() + 1;
            command.after = pendingAfter;
            command.pipeline = pipeline;
            pendingAfter = null;
            out.add(command);
            expectCommand = false;
        }

        /** Ends the command being read, if any. */
        void finish() {
            if (current != null && !current.isEmpty() && !out.contains(current)) add(current);
            current = null;
        }

        /** {@code ;} or a newline; {@code needsCommand} when nothing may stand before it. */
        void separator(String operator, boolean needsCommand) {
            if (expectCommand) {
                // A newline may follow | && || before the command they need; nothing else may.
                if (operator.equals("newline")) return;
                throw malformed("'" + operator + "' follows an operator");
            }
            boolean had = current != null || afterCompound;
            if (needsCommand && !had) throw malformed("'" + operator + "' follows no command");
            finish();
            afterCompound = false;
            compoundRedirects = null;
            if (had) {
                pendingAfter = operator;
                pipeline++;
                listStart = out.size();
            }
        }

        void joiner(String operator) {
            if ((current == null && !afterCompound) || expectCommand)
                throw malformed("'" + operator + "' follows no command");
            finish();
            afterCompound = false;
            compoundRedirects = null;
            pendingAfter = operator;
            expectCommand = true;
            if (!operator.equals("|")) pipeline++;
        }

        void background() {
            if ((current == null && !afterCompound) || expectCommand) throw malformed("'&' follows no command");
            finish();
            for (int i = listStart; i < out.size(); i++) out.get(i).background = true;
            afterCompound = false;
            compoundRedirects = null;
            pendingAfter = "&";
            pipeline++;
            listStart = out.size();
        }

        void end(String where) {
            if (expectCommand) throw malformed("an operator at " + where + " is not followed by a command");
            finish();
            if (!open.isEmpty()) throw malformed("'" + opener(open.peek()) + "' is not closed before " + where);
        }

        private String opener(String open) {
            return switch (open) {
                case "then", "elif", "else" -> "if";
                case "do" -> "while/for";
                default -> open;
            };
        }
    }
}
