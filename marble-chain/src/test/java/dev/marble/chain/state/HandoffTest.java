package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandoffTest {

    static final String LLMAUTO = """
            # Handoff - Runde 3
            ## Rolle: CONTROLLER
            ## Task: 12 - Parser
            ## Status: IN_PROGRESS
            ZUGEWIESEN: sonnet

            # Handoff - Runde 3 - SONNET WORKER
            ## Rolle: SONNET_WORKER
            ## Task: 12 - Parser fertig
            ## Urteil: DONE\r
            """;

    @Test
    void theLastLineOfAHeadingWins() {
        assertThat(Handoff.last(LLMAUTO, Handoff.ROLE)).contains("SONNET_WORKER");
        assertThat(Handoff.last(LLMAUTO, Handoff.TASK)).contains("12 - Parser fertig");
        // Status and Urteil share one slot in llmauto's status, whichever came last
        assertThat(Handoff.last(LLMAUTO, Handoff.STATUS)).contains("DONE");
        assertThat(Handoff.last(LLMAUTO, "## Status:")).contains("IN_PROGRESS");
        assertThat(Handoff.last("## Role: WORKER\n## Rolle: X: Y\n", Handoff.ROLE))
                .contains("X: Y");
    }

    @Test
    void headingsCountOnlyAtTheStartOfALine() {
        assertThat(Handoff.last(" ## Rolle: indented\nsee ## Rolle: inline\n", Handoff.ROLE))
                .isEmpty();
        assertThat(Handoff.last("", Handoff.ROLE)).isEmpty();
    }

    @Test
    void theLastAssignmentWinsInEitherLanguageAndDecoration() {
        assertThat(Handoff.assigned(LLMAUTO)).contains("sonnet");
        assertThat(Handoff.assigned("ASSIGNED: opus\nnotes\n## ASSIGNED: sonnet\n"))
                .contains("sonnet");
        assertThat(Handoff.assigned("- **ASSIGNED:** opus  \n")).contains("opus");
        assertThat(Handoff.assigned("assigned: haiku")).contains("haiku");
        assertThat(Handoff.assigned("Nobody was ASSIGNED: yet\n")).isEmpty();
        assertThat(Handoff.assigned("ASSIGNED:\n")).isEmpty();
        assertThat(Handoff.assigned("no assignment")).isEmpty();
    }

    @Test
    void blockedLinesAreCountedFromTheEndAsLlmautoDid() {
        assertThat(Handoff.trailingBlocked("")).isZero();
        assertThat(Handoff.trailingBlocked("work\nBLOCKED: no access\nstatus blocked again\n"))
                .isEqualTo(2);
        // blank lines are passed over, in the middle and at the end
        assertThat(Handoff.trailingBlocked("work\nBlocked\n\n  \nBLOCKED\n\n\n"))
                .isEqualTo(2);
        // the first other line ends the walk, whatever comes before it
        assertThat(Handoff.trailingBlocked("BLOCKED\nBLOCKED\nfine now\nBLOCKED\n"))
                .isEqualTo(1);
        assertThat(Handoff.trailingBlocked("BLOCKED\r\nUNBLOCKED\r\n")).isEqualTo(2);
        assertThat(Handoff.trailingBlocked("all good\n")).isZero();
    }
}
