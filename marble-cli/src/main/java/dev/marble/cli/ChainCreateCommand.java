package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.chain.state.AtomicFiles;
import dev.marble.error.MarbleException;
import dev.marble.format.chain.ChainCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code marble chain create}: llmauto's wizard. Asks its questions (on standard error, answers from standard input,
 * typed or piped), shows the chain file, and only once the person says yes writes the prompt files that do not exist
 * yet, the templates asked for and {@code chains/<name>.json}. Declining writes nothing (exit 0); the input ending
 * early writes nothing (exit 2).
 */
@Command(
        name = "create",
        description = {
            "Create a chain by answering questions (llmauto's wizard).",
            "Answers may be piped in. Writes chains/NAME.json and prompts/KEY.txt; the chain runs under Marble and"
                    + " llmauto."
        },
        footer = {"  marble chain create", "  marble chain create < answers.txt   # the answers, one a line"})
final class ChainCreateCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ChainHomeOption home;

    ChainCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChainHome chainHome = home.resolve(context);
        WizardInput in = new WizardInput(new TerminalPrompts(context), context.err(), !context.stdinIsTerminal());
        try (ModelNames models = new ModelNames(context, chainHome.root())) {
            return create(chainHome, in, models);
        } catch (WizardInput.Interrupted e) {
            context.err().println();
            context.err().println("marble: " + e.getMessage());
            return ExitCodes.INTERRUPTED;
        }
    }

    private int create(ChainHome chainHome, WizardInput in, ModelNames models) {
        ChainDraft draft = new ChainWizard(in, new DraftPrompts(chainHome.root()), models::problem).run();
        String text = draft.text(LocalDateTime.now());

        in.say("");
        in.say("  ===================================================");
        in.say("   Preview");
        in.say("  ===================================================");
        in.say("");
        in.say(text);
        boolean save = in.yesNo("Save the chain?", true);
        Path file = chainHome.root().resolve(ChainCatalog.CHAINS_DIRECTORY).resolve(draft.name() + ".json");
        if (save && Files.exists(file)) {
            String overwrite = "'" + draft.name() + "' already exists. Overwrite?";
            save = in.yesNo(overwrite, false);
            in.noAnswersLeft(overwrite);
        } else {
            in.noAnswersLeft("Save the chain?");
        }
        if (!save) return declined();
        write(chainHome.root(), draft, file, text);
        context.out().println("Saved: " + file);
        context.out().println("Start it with: marble chain start " + draft.name());
        return ExitCodes.OK;
    }

    private int declined() {
        context.out().println("Not saved; nothing was written.");
        return ExitCodes.OK;
    }

    /** Prompts and templates first, the chain last: a chain file on disk always finds its prompts. */
    private void write(Path root, ChainDraft draft, Path file, String text) {
        for (DraftPrompts.Entry prompt : draft.prompts()) {
            if (prompt.write() && createNew(root.resolve(prompt.path()), prompt.text())) {
                context.out().println("Wrote " + prompt.path());
            }
        }
        for (DraftPrompts.Template template : draft.templates()) {
            if (createNew(template.file(), template.text()))
                context.out().println("Saved template " + root.relativize(template.file()));
        }
        AtomicFiles.write(file, text);
    }

    /** Writes a file that did not exist; one that appeared since the questions is left as it is, as llmauto did. */
    private static boolean createNew(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new MarbleException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a model typed as "other" with the project's configuration (providers, aliases), loaded only when one is
     * typed: the three Claude models need none, and a wizard should not fail over a config it does not use.
     */
    private static final class ModelNames implements AutoCloseable {

        private final CliContext context;
        private final Path root;
        private Marble marble;

        ModelNames(CliContext context, Path root) {
            this.context = context;
            this.root = root;
        }

        Optional<String> problem(String model) {
            if (marble == null) {
                marble = Marble.start(
                        context.environment().withWorkingDirectory(root), context.err()::println, context.redactor());
            }
            try {
                marble.resolver().resolve(model);
                return Optional.empty();
            } catch (MarbleException e) {
                return Optional.of(e.getMessage());
            }
        }

        @Override
        public void close() {
            if (marble != null) marble.close();
        }
    }
}
