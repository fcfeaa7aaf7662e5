package dev.marble.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The chat's line editor (JLine): editing, history kept in the project's {@code .marble/chat_history}, Ctrl+C and
 * Ctrl+D understood. At a real terminal it takes the terminal over; otherwise (input piped in, a test) it reads
 * plain lines from standard input, so a chat can also be scripted.
 */
sealed interface ChatTerminal extends AutoCloseable permits ChatTerminal.Editor, ChatTerminal.PlainLines {

    /** What reading a line gave. */
    sealed interface Line {
        record Text(String text) implements Line {}

        /** Ctrl+C at the prompt. */
        record Interrupted() implements Line {}

        /** Ctrl+D, or the end of piped input. */
        record End() implements Line {}
    }

    Line next(String prompt);

    /** A line for a question (an approval); null when the person pressed Ctrl+C or Ctrl+D, which answers no. */
    default String readLine(String prompt) {
        return next(prompt) instanceof Line.Text text ? text.text() : null;
    }

    @Override
    void close();

    static ChatTerminal open(CliContext context, Path historyFile) {
        return context.stdinIsTerminal() ? Editor.open(context, historyFile) : new PlainLines(context);
    }

    /** Lines piped in: read as they come, prompts on standard error so that standard output holds only answers. */
    final class PlainLines implements ChatTerminal {
        private final BufferedReader in;
        private final PrintStream err;

        PlainLines(CliContext context) {
            this.in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
            this.err = context.err();
        }

        /** The chat's own prompt is not shown: a script knows when to write; an approval's question is. */
        @Override
        public Line next(String prompt) {
            try {
                String line = in.readLine();
                return line == null ? new Line.End() : new Line.Text(line);
            } catch (IOException e) {
                return new Line.End();
            }
        }

        @Override
        public String readLine(String question) {
            err.print(question);
            err.flush();
            return ChatTerminal.super.readLine(question);
        }

        @Override
        public void close() {
            // Standard input belongs to the process.
        }
    }

    /** A person at a terminal: JLine's line editor. */
    final class Editor implements ChatTerminal {
        private final Terminal terminal;
        private final LineReader reader;

        private Editor(Terminal terminal, LineReader reader) {
            this.terminal = terminal;
            this.reader = reader;
        }

        static Editor open(CliContext context, Path historyFile) {
            try {
                Terminal terminal = TerminalBuilder.builder().system(true).build();
                // JLine puts the default SIGINT handling back for its terminal; Marble's own handler must win, so that
                // Ctrl+C while an answer is written stops the answer, not the process.
                InterruptHandler.install(Thread.currentThread(), context.err());
                Files.createDirectories(historyFile.getParent());
                LineReader reader = LineReaderBuilder.builder()
                        .terminal(terminal)
                        .appName("marble")
                        .variable(LineReader.HISTORY_FILE, historyFile)
                        .variable(LineReader.HISTORY_SIZE, 1000)
                        // '!' is ordinary text in a message, not a history reference.
                        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                        .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                        .build();
                return new Editor(terminal, reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
            }
        }

        @Override
        public Line next(String prompt) {
            try {
                return new Line.Text(reader.readLine(prompt));
            } catch (UserInterruptException e) {
                return new Line.Interrupted();
            } catch (EndOfFileException e) {
                return new Line.End();
            }
        }

        @Override
        public void close() {
            try {
                reader.getHistory().save();
                terminal.close();
            } catch (IOException e) {
                // The chat is over; a history that could not be written is not worth an error at exit.
            }
        }
    }
}
