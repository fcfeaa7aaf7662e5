package dev.marble.temporal.chain;

/**
 * What a link activity did: the link, and its bookkeeping after it ({@link LinkSteps}).
 *
 * @param acted   whether the link ran (or was skipped) and was reported; false when the chain's state no longer led
 *                there (a shutdown condition holds now, or the state moved on otherwise): the workflow decides again
 * @param round   the round the link was in, 1-based
 * @param outcome the link's outcome, as {@link dev.marble.event.LinkOutcome}'s name
 * @param view    the chain's state after it
 * @param found   whether the link had already finished, on a worker lost before it answered: this answer is that
 *                worker's, and the link did not run again (its bookkeeping was done now if the lost worker had not)
 */
public record LinkResult(boolean acted, int round, String outcome, ChainView view, boolean found) {

    LinkResult withHead(String head) {
        return new LinkResult(acted, round, outcome, view.withHead(head), found);
    }
}
