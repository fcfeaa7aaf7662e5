package dev.marble.cli;

import dev.marble.error.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * llmproc-demo's example picker for {@code marble chat} without a file: the agent files numbered, and the number the
 * person types. A wrong answer asks again; Enter, {@code q} or the end of input leaves without a chat. Outside a
 * terminal nobody can pick, so {@link #usage} says how to name a file instead.
 */
final class AgentPicker {

    private static final int NAMED_IN_USAGE = 3;

    private final TerminalPrompts prompts;
    private final PrintStream err;

    AgentPicker(TerminalPrompts prompts, PrintStream err) {
        this.prompts = prompts;
        this.err = err;
    }

    /** The file picked, relative to the working directory; empty when the person left. */
    Optional<Path> pick(List<AgentFileListing.Found> files) {
        if (files.isEmpty()) throw usage(files);
        err.println("Agent files here and in " + AgentFileListing.EXAMPLES + "/:");
        int width = String.valueOf(files.size()).length();
        int column =
                files.stream().mapToInt(f -> f.path().toString().length()).max().orElse(0);
        for (int i = 0; i < files.size(); i++) {
            AgentFileListing.Found file = files.get(i);
            err.printf(
                    "  %" + width + "d) %-" + column + "s  %s%n",
                    i + 1,
                    file.path(),
                    file.kind().label());
        }
        while (true) {
            Optional<String> answer = prompts.ask("Pick a number (1-" + files.size() + ", Enter to leave): ");
            if (answer.isEmpty() || answer.get().isEmpty() || answer.get().equalsIgnoreCase("q"))
                return Optional.empty();
            Optional<Integer> number = number(answer.get()).filter(n -> n >= 1 && n <= files.size());
            if (number.isPresent())
                return Optional.of(files.get(number.get() - 1).path());
            err.println("'" + answer.get() + "' is not one of the numbers 1 to " + files.size());
        }
    }

    /** The one-line usage error where nobody can pick: how to name a file, with some that are here. */
    static UsageException usage(List<AgentFileListing.Found> files) {
        String some = files.isEmpty()
                ? "no .toml, .yaml or .worker agent file is here or in " + AgentFileListing.EXAMPLES + "/"
                : "here: "
                        + files.stream()
                                .limit(NAMED_IN_USAGE)
                                .map(f -> f.path().toString())
                                .collect(Collectors.joining(", "))
                        + (files.size() > NAMED_IN_USAGE ? ", … (" + files.size() + " in all)" : "");
        return new UsageException("name the agent file: marble chat FILE (" + some
                + "); at a terminal, marble chat alone lists them to pick from");
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
