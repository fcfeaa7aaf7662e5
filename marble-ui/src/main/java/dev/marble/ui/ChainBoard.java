package dev.marble.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The project's chains as the dashboard needs them. The CLI implements it with the code of {@code marble chain
 * status}, {@code stop} and {@code start}, so a button does exactly what the command does.
 */
public interface ChainBoard {

    /** Every chain of the project: a chain file or state. */
    List<ChainFacts> chains();

    /** One chain, or empty when the project has none of that name. */
    Optional<ChainDetail> chain(String name);

    /** Runs the action as its CLI command would; the result carries the command's words. */
    ActionResult act(String name, ChainAction action);

    /** Files and folders whose change means a chain changed (state, logs); watched by the change feed. */
    List<Path> watched();

    /** What a chain command answered: whether it succeeded and what it printed. */
    record ActionResult(boolean ok, String message) {}
}
