package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TuiApproverTest {

    private final TuiPanes panes = new TuiPanes("main");
    private final TuiKeys keys = new TuiKeys();
    private final TuiApprover approver =
            new TuiApprover(panes, keys, () -> {}, SecretRedactor.fromEnvironment(Map.of()), ChangePreview.NONE);

    private static ApprovalRequest request() {
        return new ApprovalRequest(
                "run-1",
                "shell",
                "shell",
                Json.mapper().createObjectNode().put("command", "rm x"),
                "rm x",
                "rm is not allowed by default");
    }

    private static TuiKey key(String typed) {
        return TuiKey.typed(typed);
    }

    @Test
    void eachKeyMakesItsChoice() {
        assertThat(TuiApprover.choice(key("a"))).contains(TuiApprover.Choice.ONCE);
        assertThat(TuiApprover.choice(key("s"))).contains(TuiApprover.Choice.SESSION);
        assertThat(TuiApprover.choice(key("d"))).contains(TuiApprover.Choice.DENY);
        assertThat(TuiApprover.choice(key("A"))).contains(TuiApprover.Choice.ONCE);
        assertThat(TuiApprover.choice(key("y"))).isEmpty();
        assertThat(TuiApprover.choice(key("n"))).isEmpty();
        assertThat(TuiApprover.choice(TuiKey.of(TuiKey.Kind.ENTER))).isEmpty();
    }

    @Test
    void aApprovesOnceAndOtherKeysAreIgnored() throws Exception {
        var answer = asking();
        keys.offer(key("x"));
        keys.offer(TuiKey.of(TuiKey.Kind.ENTER));
        keys.offer(key("a"));
        assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ApprovalAnswer.Once.class);
        assertThat(panes.render(120, 10).getLast().text()).contains("Ctrl+C stops the answer");
    }

    @Test
    void sApprovesForTheSession() throws Exception {
        var answer = asking();
        keys.offer(key("s"));
        assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ApprovalAnswer.ForSession.class);
    }

    @Test
    void dDeniesWithTheReasonTypedAfterIt() throws Exception {
        var answer = asking();
        for (String k : new String[] {"d", "n", "o", "t", "x"}) keys.offer(key(k));
        keys.offer(TuiKey.of(TuiKey.Kind.BACKSPACE));
        for (String k : new String[] {" ", "n", "o", "w"}) keys.offer(key(k));
        keys.offer(TuiKey.of(TuiKey.Kind.ENTER));
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(new ApprovalAnswer.Denied("the user said no: not now"));
    }

    @Test
    void dThenEnterDeniesWithoutAReason() throws Exception {
        var answer = asking();
        keys.offer(key("d"));
        keys.offer(TuiKey.of(TuiKey.Kind.ENTER));
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(new ApprovalAnswer.Denied("the user said no"));
    }

    @Test
    void escapeWhileTypingAReasonGoesBackToTheQuestion() throws Exception {
        var answer = asking();
        keys.offer(key("d"));
        keys.offer(key("s")); // part of the reason, not an approval
        keys.offer(TuiKey.of(TuiKey.Kind.ESCAPE));
        keys.offer(key("a"));
        assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ApprovalAnswer.Once.class);
    }

    @Test
    void aKeyTypedBeforeTheQuestionDoesNotAnswerIt() throws Exception {
        keys.offer(key("s"));
        var answer = asking();
        Thread.sleep(200);
        assertThat(answer).isNotDone();
        keys.offer(key("d"));
        keys.offer(TuiKey.of(TuiKey.Kind.ENTER));
        assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ApprovalAnswer.Denied.class);
    }

    @Test
    void theQuestionNamesTheToolWhyItAsksAndTheKeys() throws Exception {
        var answer = asking();
        String bottom = "";
        for (int i = 0; i < 100 && !bottom.startsWith("Allow"); i++) {
            Thread.sleep(20);
            bottom = panes.render(200, 10).getLast().text();
        }
        assertThat(bottom)
                .isEqualTo("Allow shell? (rm is not allowed by default)  a = once · s = for this run · d = deny");
        keys.offer(key("a"));
        answer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anInterruptWhileAskedDeniesTheCall() throws Exception {
        CompletableFuture<ApprovalAnswer> answer = new CompletableFuture<>();
        Thread asker = new Thread(() -> answer.complete(approver.ask(request())));
        asker.start();
        Thread.sleep(100);
        asker.interrupt();
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(new ApprovalAnswer.Denied("interrupted"));
    }

    /** The question on a thread of its own, as the run asks it; the test presses keys meanwhile. */
    private CompletableFuture<ApprovalAnswer> asking() throws InterruptedException {
        CompletableFuture<ApprovalAnswer> answer = CompletableFuture.supplyAsync(() -> approver.ask(request()));
        // The approver drops keys pressed before it asks: wait until the question is on screen.
        for (int i = 0; i < 500 && !panes.render(200, 10).getLast().text().startsWith("Allow"); i++) {
            Thread.sleep(10);
        }
        return answer;
    }
}
