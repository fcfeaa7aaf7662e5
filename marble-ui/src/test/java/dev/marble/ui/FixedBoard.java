package dev.marble.ui;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A project of one chain whose facts the test sets; it records the actions it was asked for. */
final class FixedBoard implements ChainBoard {

    final List<String> actions = new CopyOnWriteArrayList<>();
    private final Path watched;
    volatile String handoff = "## Task: write the docs\n\nAll *fine*.";
    volatile int round = 1;

    FixedBoard(Path watched) {
        this.watched = watched;
    }

    /** Set: the chain is marked as started on that engine, as the CLI's board marks a chain on Temporal. */
    volatile String engine;

    ChainFacts facts() {
        return new ChainFacts(
                "nightly",
                "RUNNING",
                true,
                round,
                5,
                90,
                new BigDecimal("0.0123"),
                "worker",
                null,
                null,
                null,
                engine == null ? null : OnEngine.marked(engine));
    }

    @Override
    public List<ChainFacts> chains() {
        return List.of(facts());
    }

    @Override
    public Optional<ChainDetail> chain(String name) {
        if (!name.equals("nightly")) return Optional.empty();
        return Optional.of(
                new ChainDetail(facts(), List.of("worker"), handoff, Map.of("worker", handoff), "[12:00] worker: OK"));
    }

    @Override
    public ActionResult act(String name, ChainAction action) {
        actions.add(name + " " + action.wireName());
        return new ActionResult(true, "done: " + action.wireName());
    }

    @Override
    public List<Path> watched() {
        return List.of(watched);
    }
}
