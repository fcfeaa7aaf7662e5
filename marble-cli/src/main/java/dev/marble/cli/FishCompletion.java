package dev.marble.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The fish completion script, written from the command tree (picocli writes bash scripts only): each command's
 * subcommands and options with their summaries, chain names from the nearest {@code chains/} folder, agent and
 * toolset files for {@code run} and {@code chat}, model names after {@code -m}.
 */
final class FishCompletion {

    private FishCompletion() {}

    static String script(CommandSpec root, List<String> models) {
        StringBuilder script = new StringBuilder(PRELUDE.replace("@MODELS@", String.join(" ", models)));
        add(script, root, List.of());
        script.append("complete -c marble -n '__marble_path_is chain start; or __marble_path_is chain status;"
                + " or __marble_path_is chain stop; or __marble_path_is chain reset; or __marble_path_is chain log'"
                + " -a '(__marble_chain_names)'\n");
        for (String command : List.of("run", "chat")) {
            script.append("complete -c marble -n '__marble_within ")
                    .append(command)
                    .append("' -a '(__marble_agent_files)'\n");
        }
        return script.toString();
    }

    private static void add(StringBuilder script, CommandSpec command, List<String> path) {
        String where = String.join(" ", path);
        for (var entry : command.subcommands().entrySet()) {
            CommandSpec sub = entry.getValue().getCommandSpec();
            if (sub.usageMessage().hidden()) continue;
            script.append("complete -c marble -n '__marble_path_is ")
                    .append(where)
                    .append("' -a ")
                    .append(quote(entry.getKey()))
                    .append(" -d ")
                    .append(quote(summary(sub)))
                    .append('\n');
        }
        String condition = command.subcommands().isEmpty() ? "__marble_within " : "__marble_path_is ";
        for (OptionSpec option : command.options()) {
            if (option.hidden()) continue;
            script.append("complete -c marble -n '")
                    .append(condition)
                    .append(where)
                    .append('\'');
            for (String name : option.names()) {
                if (name.startsWith("--")) script.append(" -l ").append(name.substring(2));
                else if (name.length() == 2) script.append(" -s ").append(name.substring(1));
                else script.append(" -o ").append(name.substring(1));
            }
            if (option.arity().max() > 0) {
                script.append(" -r");
                if (isFile(option.type())) script.append(" -F");
                if (List.of(option.names()).contains("--model")
                        || List.of(option.names()).contains("--fallback")) {
                    script.append(" -a '(__marble_models)'");
                }
            }
            String description = option.description().length == 0 ? "" : option.description()[0];
            script.append(" -d ").append(quote(firstSentence(description))).append('\n');
        }
        for (var entry : command.subcommands().entrySet()) {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(entry.getKey());
            add(script, entry.getValue().getCommandSpec(), deeper);
        }
    }

    private static boolean isFile(Class<?> type) {
        return Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type);
    }

    private static String summary(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length == 0 ? "" : firstSentence(description[0]);
    }

    private static String firstSentence(String text) {
        String plain =
                text.replace("${DEFAULT-VALUE}", "").replaceAll("%n", " ").strip();
        int end = plain.indexOf(". ");
        return end > 0 ? plain.substring(0, end + 1) : plain;
    }

    /** A single-quoted fish word: only a backslash and a single quote need escaping in one. */
    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static final String PRELUDE = """
            # fish completion for marble (written by 'marble completion fish')
            complete -c marble -e
            complete -c marble -f

            # The command words typed so far (options and the folder of -C left out).
            function __marble_path
                set -l tokens (commandline -opc)
                set -e tokens[1]
                set -l skip 0
                for token in $tokens
                    if test $skip = 1
                        set skip 0
                        continue
                    end
                    switch $token
                        case -C --home --workspace
                            set skip 1
                        case '-*'
                        case '*'
                            echo $token
                    end
                end
            end

            # True when the command words are exactly the arguments (marble chain start: __marble_path_is chain start).
            function __marble_path_is
                set -l path (__marble_path)
                test "$path" = "$argv"
            end

            # True when the command words begin with the arguments (options and files of a command without subcommands).
            function __marble_within
                set -l path (__marble_path)
                set -l n (count $argv)
                test (count $path) -ge $n; or return 1
                test "$path[1..$n]" = "$argv"
            end

            # The chains in chains/ of the nearest folder upwards that has one, as marble chain finds them.
            function __marble_chain_names
                set -l dir $PWD
                while not test -d $dir/chains; and test $dir != /
                    set dir (dirname $dir)
                end
                for file in $dir/chains/*.json
                    basename $file .json
                end
            end

            # Folders, and the files run and chat take: agents (.worker, .toml) and Java toolsets (.java, .jar).
            function __marble_agent_files
                set -l token (commandline -ct)
                for file in $token*
                    if test -d $file
                        echo $file/
                    else if string match -qr '\\.(worker|toml|java|jar)$' -- $file
                        echo $file
                    end
                end
            end

            function __marble_models
                printf '%s\\n' @MODELS@
            end

            """;
}
