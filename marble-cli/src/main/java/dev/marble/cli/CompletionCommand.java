package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.error.MarbleException;
import dev.marble.provider.ModelResolver;
import dev.marble.provider.ProviderSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code marble completion bash|zsh|fish}: prints a script that teaches the shell marble's commands, options, chain
 * names (from the nearest {@code chains/} folder, when completing), agent files and model names (those known when
 * the script is written: aliases from configuration included).
 */
@Command(
        name = "completion",
        description = {
            "Print a shell completion script (bash, zsh or fish).",
            "Completes commands, options, chain names, agent files and model names. Add the line of the examples"
                    + " for your shell to its startup file (fish: run it once). Model aliases are those configured when"
                    + " the script is written."
        },
        footer = {
            "  source <(marble completion bash)   # in ~/.bashrc",
            "  source <(marble completion zsh)    # in ~/.zshrc",
            "  marble completion fish > ~/.config/fish/completions/marble.fish"
        })
final class CompletionCommand implements Callable<Integer> {

    enum Shell {
        BASH,
        ZSH,
        FISH
    }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        List<String> models = modelNames();
        String script = switch (shell) {
            // picocli's script serves zsh too, through zsh's bash completion emulation.
            case BASH, ZSH -> BashCompletion.script(root.commandLine(), models);
            case FISH -> FishCompletion.script(root, models);
        };
        context.out().print(script);
        return ExitCodes.OK;
    }

    /** Aliases and provider prefixes ({@code anthropic:}); the built-in ones when the configuration cannot be read. */
    private List<String> modelNames() {
        Set<String> names = new LinkedHashSet<>(ModelResolver.BUILT_IN_ALIASES.keySet());
        try (Marble marble = Marble.start(context.environment(), warning -> {}, context.redactor())) {
            names.addAll(marble.resolver().aliases().keySet());
            for (ProviderSpec provider : marble.catalog().all()) names.add(provider.name() + ":");
        } catch (MarbleException unreadable) {
            // A malformed marble.json must not keep the shell from completing commands.
        }
        return new ArrayList<>(names);
    }
}
