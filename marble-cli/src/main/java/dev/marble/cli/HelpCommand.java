package dev.marble.cli;

import dev.marble.error.DidYouMean;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Parameters;

/**
 * {@code marble help [COMMAND [SUBCOMMAND]]}: the same help as {@code marble COMMAND SUBCOMMAND --help}. picocli's
 * own help command takes one command name only, so {@code marble help chain start} needs this one.
 */
@Command(
        name = "help",
        helpCommand = true,
        description = "Show the help of a command, e.g. 'marble help chain start'.",
        footer = {"  marble help", "  marble help pipe", "  marble help chain start"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommand.")
    List<String> commands = List.of();

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine command = self.getParent();
        for (String name : commands) {
            CommandLine sub = command.getSubcommands().get(name);
            if (sub == null) {
                String qualified = command.getCommandSpec().qualifiedName();
                throw new CommandLine.ParameterException(
                        self,
                        "'" + qualified + "' has no command '" + name + "'"
                                + DidYouMean.suffix(
                                        name, command.getSubcommands().keySet(), "'"));
            }
            command = sub;
        }
        command.usage(out, colors);
        out.flush();
    }
}
