package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusGuardTest {

    @Test
    void wordsTheRunnerDoesNotKnowBecomeRunning() {
        for (String written :
                new String[] {"APPROVED", "COMPLETED", "DONE", "READY", "UNKNOWN", "all_done", "BLOCKED"}) {
            assertThat(StatusGuard.correct(written)).as(written).contains(ChainStatus.RUNNING);
        }
    }

    @Test
    void runningAllDoneAndStoppedStay() {
        assertThat(StatusGuard.correct("RUNNING")).isEmpty();
        assertThat(StatusGuard.correct("ALL_DONE")).isEmpty();
        // llmauto reverted an agent's STOPPED; here it is a request to stop (defect 4)
        assertThat(StatusGuard.correct("STOPPED")).isEmpty();
    }
}
