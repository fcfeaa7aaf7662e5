package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.event.Event;
import dev.marble.model.Part;
import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRequest;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approvals as a run meets them: a denial is a result the model sees, and the run goes on. */
class ApprovalsInRunTest {

    @TempDir
    Path temp;

    private static final String TWO_WRITES = """
            - tool_calls: [{name: write_file, arguments: {path: a.txt}}, {name: write_file, arguments: {path: a.txt}}]
            - text: finished
            """;

    private static ApprovalPolicy rules(String... denies) {
        return new ApprovalPolicy(
                Arrays.stream(denies)
                        .map(r -> ApprovalRule.parse(Decision.DENY, r, null))
                        .toList(),
                false);
    }

    @Test
    void headlessRunsAreRefusedAndTheModelIsTold() {
        RunFixture fixture = new RunFixture(temp);
        AtomicInteger writes = new AtomicInteger();
        ApprovalGate headless = new ApprovalGate(
                rules(), Approver.refuseAll("nobody can approve in a headless run; pass --approve-all"));
        var result = fixture.run(
                TWO_WRITES,
                RunLimits.DEFAULTS,
                headless,
                RunControl.HEADLESS,
                List.of(RunFixture.counting("write_file", writes)));
        assertThat(writes.get()).isZero();
        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
        assertThat(((Part.ToolResult) result.conversation().get(2).parts().getFirst()).content())
                .isEqualTo("not run: denied: nobody can approve in a headless run; pass --approve-all"
                        + " (asked because write_file needs approval by default)");
        assertThat(fixture.events)
                .filteredOn(Event.ApprovalDecided.class::isInstance)
                .map(Event.ApprovalDecided.class::cast)
                .extracting(Event.ApprovalDecided::decidedBy)
                .containsOnly("headless");
    }

    @Test
    void approvingForTheSessionCoversTheSameArgumentsOnce() {
        RunFixture fixture = new RunFixture(temp);
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        Approver person = new Approver() {
            @Override
            public ApprovalAnswer ask(ApprovalRequest request) {
                asked.incrementAndGet();
                assertThat(request.subject()).isEqualTo("a.txt");
                return new ApprovalAnswer.ForSession();
            }

            @Override
            public String name() {
                return "user";
            }
        };
        fixture.run(
                TWO_WRITES,
                RunLimits.DEFAULTS,
                new ApprovalGate(rules(), person),
                RunControl.HEADLESS,
                List.of(RunFixture.counting("write_file", writes)));
        assertThat(writes.get()).isEqualTo(2);
        assertThat(asked.get()).isEqualTo(1);
        assertThat(fixture.events)
                .filteredOn(Event.ApprovalDecided.class::isInstance)
                .map(Event.ApprovalDecided.class::cast)
                .extracting(Event.ApprovalDecided::decidedBy)
                .containsExactly("user", "session");
    }

    @Test
    void aDenyRuleBeatsApproveAll() {
        RunFixture fixture = new RunFixture(temp);
        AtomicInteger writes = new AtomicInteger();
        var result = fixture.run(
                TWO_WRITES,
                RunLimits.DEFAULTS,
                new ApprovalGate(rules("write_file(*.txt)"), Approver.approveAll()),
                RunControl.HEADLESS,
                List.of(RunFixture.counting("write_file", writes)));
        assertThat(writes.get()).isZero();
        assertThat(((Part.ToolResult) result.conversation().get(2).parts().getFirst()).content())
                .isEqualTo("not run: denied by rule 'write_file(*.txt)'");
    }
}
