package dev.marble.temporal.chain;

/**
 * What a link activity did.
 *
 * @param acted   whether it ran (or skipped) the link; false when the chain's state no longer led there (the link
 *                finished before its worker was lost, or a shutdown condition holds now): the workflow decides again
 * @param round   the round the link was in, 1-based
 * @param outcome the link's outcome, as {@link dev.marble.event.LinkOutcome}'s name
 * @param view    the chain's state after it
 */
public record LinkResult(boolean acted, int round, String outcome, ChainView view) {

    LinkResult withHead(String head) {
        return new LinkResult(acted, round, outcome, view.withHead(head));
    }
}
