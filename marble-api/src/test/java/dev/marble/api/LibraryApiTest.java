package dev.marble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSession;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.ConversationFile;
import dev.marble.agent.RunEnding;
import dev.marble.chain.ChainFileException;
import dev.marble.chain.ChainMode;
import dev.marble.chain.state.ChainStatus;
import dev.marble.config.Environment;
import dev.marble.error.UsageException;
import dev.marble.event.Event;
import dev.marble.model.ModelRef;
import dev.marble.store.Journal;
import dev.marble.store.RunLog;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library as a user holds it, against the fake OpenAI-compatible server: sessions, agent files, chains in code. */
class LibraryApiTest {

    @TempDir
    Path temp;

    private FakeOpenAiServer server;
    private Marble marble;

    @BeforeEach
    void setUp() {
        server = FakeOpenAiServer.start();
        Environment environment = new Environment(
                Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test-library-0123456789"),
                temp,
                temp);
        marble = Marble.start(environment, warning -> {});
    }

    @AfterEach
    void tearDown() {
        marble.close();
        server.close();
    }

    @Test
    void aSessionCarriesItsConversationFromRunToRunAndResetKeepsTheInstructions() {
        server.enqueue(
                FakeReply.text("First.").withUsage(10, 2, 0, 0), FakeReply.text("Second."), FakeReply.text("Fresh."));
        AgentSpec spec = AgentSpec.of("helper", new ModelRef("openai", "gpt-test"), "You are terse.");
        List<Event> events = new CopyOnWriteArrayList<>();
        marble.events().subscribe(events::add);

        try (AgentSession session = AgentSession.builder(marble, spec).build()) {
            AgentResult first = session.run("One");
            session.run("Two");
            session.reset();
            session.run("Three");

            assertThat(first.answer()).isEqualTo("First.");
            assertThat(first.ending()).isEqualTo(RunEnding.ANSWERED);
            assertThat(first.usage().inputTokens()).isEqualTo(10);
            assertThat(first.cost()).isNotNull();
            assertThat(session.conversation()).hasSize(2);
        }
        List<SeenRequest> requests = server.requests();
        assertThat(requests.get(1).messages()).extracting(SeenMessage::text).containsExactly("One", "First.", "Two");
        assertThat(requests.get(2).messages()).extracting(SeenMessage::text).containsExactly("Three");
        assertThat(requests.get(2).system()).isEqualTo("You are terse.");
        assertThat(events).filteredOn(Event.RunFinished.class::isInstance).hasSize(3);
    }

    @Test
    void aToolCallNobodyApprovesIsRefusedUnlessTheBuilderGivesAnApprover() throws IOException {
        AgentSpec spec = AgentSpec.of("writer", new ModelRef("openai", "gpt-test"), "Write files.");
        String call = "{\"path\":\"out.txt\",\"content\":\"x\"}";
        server.enqueue(
                FakeReply.toolCall("write_file", call),
                FakeReply.text("Could not."),
                FakeReply.toolCall("write_file", call),
                FakeReply.text("Written."));

        try (AgentSession refusing = AgentSession.builder(marble, spec)
                .toolsets(BuiltinToolsets.files())
                .build()) {
            assertThat(refusing.run("Write").answer()).isEqualTo("Could not.");
        }
        assertThat(temp.resolve("out.txt")).doesNotExist();
        try (AgentSession approving = AgentSession.builder(marble, spec)
                .toolsets(BuiltinToolsets.files())
                .approver(Approver.approveAll())
                .build()) {
            assertThat(approving.run("Write").answer()).isEqualTo("Written.");
        }
        assertThat(Files.readString(temp.resolve("out.txt"))).isEqualTo("x");
    }

    @Test
    void aSavedConversationLoadsIntoAnotherSession() {
        server.enqueue(FakeReply.text("Noted."), FakeReply.text("Milk."));
        AgentSpec spec = AgentSpec.of("notes", new ModelRef("openai", "gpt-test"), "Keep notes.");
        Path saved = temp.resolve("conversation.json");
        try (AgentSession first = AgentSession.builder(marble, spec).build()) {
            first.run("Remember milk");
            first.save(saved);
        }
        try (AgentSession second = AgentSession.builder(marble, spec).build()) {
            second.load(ConversationFile.read(saved).messages());
            second.run("What?");
        }
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .containsExactly("Remember milk", "Noted.", "What?");
    }

    @Test
    void aProgramFileBecomesASessionWithItsPreloadsAndItsJournaledRuns() throws IOException {
        Files.writeString(temp.resolve("facts.md"), "The sky is green here.\n");
        Files.writeString(temp.resolve("guide.toml"), """
                [model]
                name = "gpt-test"
                provider = "openai"
                [prompt]
                system_prompt = "Answer from the facts."
                [preload]
                files = ["facts.md"]
                """);
        server.enqueue(FakeReply.text("Green."), FakeReply.text("Still green."));
        marble.openJournal();

        AgentFiles files = AgentFiles.load(marble, List.of(temp.resolve("guide.toml")));
        try (AgentSession guide = files.session("guide").build()) {
            guide.run("Sky colour?");
            guide.reset();
            guide.run("Again?");
        }
        assertThat(server.lastRequest().system()).contains("Answer from the facts.", "The sky is green here.");
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .containsExactly("Again?");
        marble.close(); // the journal is written on a thread of its own; closing flushes it
        try (Journal journal = Journal.open(temp.resolve(".marble"))) {
            assertThat(new RunLog(journal).newest(10))
                    .extracting(RunLog.RunRecord::kind)
                    .containsExactly("session", "session");
        }
    }

    @Test
    void anUnknownAgentNameListsTheAgentsTheFilesDefine() throws IOException {
        Files.writeString(temp.resolve("main.worker"), "---\nname: main\n---\nHelp.\n");
        AgentFiles files = AgentFiles.load(marble, List.of(temp.resolve("main.worker")));
        assertThatThrownBy(() -> files.session("other"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("entry 'other' not found; available: main");
    }

    @Test
    void aChainInCodeIsAChainFileAndAMistakeLeavesThePreviousOneInPlace() throws IOException {
        Path file = Chains.builder("tidy")
                .mode(ChainMode.ONCE)
                .link("worker", "openai:gpt-test", "Tidy up.")
                .writeTo(temp);
        assertThat(file).isEqualTo(temp.resolve("chains/tidy.json"));
        String written = Files.readString(file);

        assertThatThrownBy(() -> Chains.builder("tidy")
                        .maxRounds(-1)
                        .link("worker", null, "x")
                        .writeTo(temp))
                .isInstanceOf(ChainFileException.class)
                .hasMessageContaining("tidy.json")
                .hasMessageContaining("max_rounds");
        assertThat(file).hasContent(written);
        assertThatThrownBy(() -> Chains.builder("../escape")).isInstanceOf(UsageException.class);

        server.enqueue(FakeReply.text("Tidied."));
        var result = Chains.start(marble, temp, file, null);
        assertThat(result.status()).isEqualTo(ChainStatus.COMPLETED);
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .anyMatch(t -> t.contains("Tidy up."));
        assertThat(temp.resolve("state/tidy/status.txt")).exists();
    }
}
