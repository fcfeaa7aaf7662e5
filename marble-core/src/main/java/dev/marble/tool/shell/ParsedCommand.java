package dev.marble.tool.shell;

import java.util.ArrayList;
import java.util.List;

/** A command line as {@link ShellParser} read it: a script of simple commands, or a reason it could not. */
public sealed interface ParsedCommand {

    /** The command line as written. */
    String text();

    /**
     * A command line read with certainty.
     *
     * @param commands its simple commands in order, including those inside groups, loops and conditionals
     *                 (each carries the commands of its own substitutions)
     */
    record Script(String text, List<SimpleCommand> commands) implements ParsedCommand {

        public Script {
            commands = List.copyOf(commands);
        }

        /** Every simple command, those inside substitutions included, each after the ones it contains. */
        public List<SimpleCommand> all() {
            List<SimpleCommand> out = new ArrayList<>();
            commands.forEach(command -> collect(command, out));
            return out;
        }

        private static void collect(SimpleCommand command, List<SimpleCommand> out) {
            command.substituted().forEach(inner -> collect(inner, out));
            out.add(command);
        }
    }

    /**
     * A command line Marble does not read with certainty. It never matches an allow rule and matches
     * every deny rule for shell commands.
     */
    record Unparseable(String text, Problem problem, String reason) implements ParsedCommand {}

    /** Why a command line could not be read. */
    enum Problem {
        /** The shell itself would reject it (an unclosed quote, a dangling operator), or it hides text (a control
         * character). */
        MALFORMED,
        /** Valid shell that Marble does not analyse ({@code case}, functions), or that dash and bash read differently.
         * */
        UNSUPPORTED
    }
}
