package dev.marble.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A board whose chains marked as started on a durable engine are shown as the engine sees them: each page asks the
 * engine about those chains (all at once, within {@link #TIMEOUT}), and a chain whose engine does not answer in time
 * is shown from its state files with a note saying so. Local chains are never asked about, so a project without a
 * marked chain never loads the engine.
 */
final class EngineBoard implements ChainBoard {

    /** How long a page waits for the engine: a server that is down must not make the dashboard slow. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ChainBoard files;
    private final EngineChains engine;
    private final Duration timeout;

    EngineBoard(ChainBoard files, EngineChains engine, Duration timeout) {
        this.files = files;
        this.engine = engine;
        this.timeout = timeout;
    }

    @Override
    public List<ChainFacts> chains() {
        return ask(files.chains());
    }

    @Override
    public Optional<ChainDetail> chain(String name) {
        return files.chain(name).map(detail -> {
            ChainFacts facts = ask(List.of(detail.facts())).getFirst();
            return new ChainDetail(facts, detail.links(), detail.handoff(), detail.linkHandoffs(), detail.logTail());
        });
    }

    @Override
    public ActionResult act(String name, ChainAction action) {
        return files.act(name, action);
    }

    @Override
    public List<Path> watched() {
        return files.watched();
    }

    private List<ChainFacts> ask(List<ChainFacts> chains) {
        if (chains.stream().noneMatch(chain -> chain.engine() != null)) return chains;
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ChainFacts> out = new ArrayList<>();
        // One virtual thread per marked chain; the executor is not closed with try-with-resources, whose close would
        // wait for a query that hangs: a late answer is dropped.
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Optional<EngineView>>> answers = new ArrayList<>();
            for (ChainFacts chain : chains) {
                answers.add(chain.engine() == null ? null : executor.submit(() -> engine.view(chain.name())));
            }
            for (int i = 0; i < chains.size(); i++) {
                ChainFacts chain = chains.get(i);
                out.add(answers.get(i) == null ? chain : chain.on(answer(chain, answers.get(i), deadline)));
            }
        } finally {
            executor.shutdownNow();
        }
        return out;
    }

    private OnEngine answer(ChainFacts chain, Future<Optional<EngineView>> answer, long deadline) {
        String engine = chain.engine().engine();
        String shown = "; shown from the state files";
        try {
            Optional<EngineView> view = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return view.map(v -> new OnEngine(engine, v, null))
                    .orElseGet(() ->
                            new OnEngine(engine, null, "the " + engine + " server has no workflow for it" + shown));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new OnEngine(
                    engine,
                    null,
                    "the " + engine + " server did not answer within " + Format.millis(timeout.toMillis()) + shown);
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof EngineChains.Unreachable unreachable
                    ? unreachable.getMessage()
                    : "asking it failed: " + e.getCause();
            return new OnEngine(engine, null, "cannot ask " + engine + ": " + why + shown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OnEngine(engine, null, "interrupted" + shown);
        }
    }
}
