package dev.marble.cli;

import dev.marble.error.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one line a command-line mistake gets: what was wrong, the nearest command or option when one was mistyped
 * ({@code marble chian} → {@code chain}), and the help to read, which is always there.
 */
final class UsageErrors {

    private UsageErrors() {}

    static String describe(ParameterException failure) {
        CommandLine command = failure.getCommandLine();
        String help = " (see '" + command.getCommandSpec().qualifiedName() + " --help')";
        if (failure instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            if (first.startsWith("-") && first.length() > 1) {
                String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
                return "unknown option '" + option + "'"
                        + DidYouMean.suffix(option, optionNames(command.getCommandSpec()), "'") + help;
            }
            if (!command.getSubcommands().isEmpty()) {
                return "unknown command '" + first + "'"
                        + DidYouMean.suffix(first, command.getSubcommands().keySet(), "'") + help;
            }
        }
        return failure.getMessage() + help;
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) names.addAll(List.of(option.names()));
        }
        return names;
    }
}
