package dev.marble.agent.delegate;

import static dev.marble.agent.delegate.DelegationFixture.MINI;
import static dev.marble.agent.delegate.DelegationFixture.answered;
import static dev.marble.agent.delegate.DelegationFixture.spec;
import static dev.marble.agent.delegate.DelegationFixture.toolResult;
import static dev.marble.agent.delegate.DelegationFixture.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.AgentResult;
import dev.marble.testkit.FakeReply;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller that may not read a file must not get it read for it by handing it to a delegate as an
 * attachment: each attachment passes the caller's gate as a read_file call.
 */
class DelegationSecurityTest {

    private static final String SECRET = "sk-live-attachment-secret-4711";

    @TempDir
    Path temp;

    DelegationFixture fixture;
    Delegation delegation;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(temp.resolve("secrets/key.txt"), SECRET);
        Files.writeString(temp.resolve("notes.txt"), "invoice 7 is in March");
        Files.createSymbolicLink(temp.resolve("self"), Path.of("."));
        fixture = new DelegationFixture(temp);
        delegation = new Delegation(fixture.marble);
        fixture.agent("You research.", request -> FakeReply.text("read: " + request.lastUserText()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private AgentResult bossAttaching(String path) {
        fixture.agent(
                "You are the boss.",
                request -> answered(request)
                        ? FakeReply.text("boss reports: " + toolResult(request))
                        : FakeReply.toolCall(
                                "researcher", "{\"input\": \"summarize\", \"attachments\": [\"" + path + "\"]}"));
        Delegate researcher = new Delegate(
                "researcher", "Reads things.", null, List.of(), "You research.", null, null, ToolRegistry::empty);
        ApprovalGate gate = new ApprovalGate(
                new ApprovalPolicy(List.of(ApprovalRule.parse(Decision.DENY, "read_file(secrets/*)", null)), false),
                Approver.approveAll());
        return fixture.run(
                spec("boss", MINI, "You are the boss."),
                tools(() -> List.of(new DelegateTool(researcher, delegation))),
                gate,
                "Summarize.");
    }

    @Test
    void aFileTheCallerMayNotReadIsNotAttachedAndNoChildStarts() {
        AgentResult result = bossAttaching("secrets/key.txt");

        assertThat(result.answer())
                .isEqualTo("boss reports: Error: attachment 'secrets/key.txt' is not attached:"
                        + " read_file denied by rule 'read_file(secrets/*)'");
        assertThat(fixture.runsStarted()).hasSize(1);
        assertThat(fixture.server.requests())
                .allSatisfy(request -> assertThat(request.body().toString()).doesNotContain(SECRET));
    }

    @Test
    void norWhenItIsSpelledThroughALink() {
        AgentResult result = bossAttaching("self/secrets/../secrets/key.txt");

        assertThat(result.answer()).contains("is not attached: read_file denied by rule 'read_file(secrets/*)'");
        assertThat(fixture.server.requests())
                .allSatisfy(request -> assertThat(request.body().toString()).doesNotContain(SECRET));
    }

    @Test
    void aFileTheCallerMayReadIsAttachedAsBefore() {
        AgentResult result = bossAttaching("notes.txt");

        assertThat(result.answer()).startsWith("boss reports: read: summarize").contains("invoice 7 is in March");
        assertThat(fixture.runsStarted()).hasSize(2);
    }
}
