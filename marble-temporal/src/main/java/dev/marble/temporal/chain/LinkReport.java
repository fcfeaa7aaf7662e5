package dev.marble.temporal.chain;

import dev.marble.chain.state.AtomicFiles;
import dev.marble.chain.state.StateDir;
import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which link a worker took last, and whether its bookkeeping (the update after it, the round's line) is done: the
 * file {@code state/NAME/temporal_link.json}, written before the link runs and again once its bookkeeping is done.
 * The cursor says whether a link finished; this file says whether it was reported. A link activity repeated after
 * its worker was lost (between the link's end and the activity's answer) finds the cursor just past the link and
 * this file naming it: it does the bookkeeping the lost worker did not get to, or none when it did, and never runs
 * the link again. In git mode the file travels in the branch with the cursor.
 *
 * @param round    the link's round, 1-based, as {@link dev.marble.chain.run.ChainDecision.RunLink} counts it
 * @param index    the link's index in the chain
 * @param skipped  whether the link was skipped rather than run
 * @param reported whether the update after it and the round's line are done
 */
record LinkReport(int round, int index, boolean skipped, boolean reported) {

    static final String FILE = "temporal_link.json";

    /** The link taken last in {@code state}; empty when none was or the file is not one this class wrote. */
    static Optional<LinkReport> read(StateDir state) {
        Path file = state.dir().resolve(FILE);
        try {
            return Optional.of(Json.mapper().readValue(Files.readString(file), LinkReport.class));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            // the state folder is the agents' to write too: a file that is not ours is no report
            return Optional.empty();
        }
    }

    void write(StateDir state) {
        AtomicFiles.write(state.dir().resolve(FILE), Json.mapper().writeValueAsString(this));
    }

    LinkReport done() {
        return new LinkReport(round, index, skipped, true);
    }

    /** Whether this is link {@code index} of {@code round}, run ({@code skipped} false) or skipped. */
    boolean names(int round, int index, boolean skipped) {
        return this.round == round && this.index == index && this.skipped == skipped;
    }
}
