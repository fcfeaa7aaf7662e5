package dev.marble.ui;

import java.util.List;
import java.util.Map;

/**
 * A chain's page beyond its status: the current handoff, each link's saved handoff (link name to text, in the
 * chain's order) and the tail of its log; all redacted by the board.
 */
public record ChainDetail(
        ChainFacts facts, List<String> links, String handoff, Map<String, String> linkHandoffs, String logTail) {

    public ChainDetail {
        links = List.copyOf(links);
        linkHandoffs = Map.copyOf(linkHandoffs);
    }
}
