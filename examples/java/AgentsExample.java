import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSession;
import dev.marble.api.*;
import dev.marble.chain.ChainMode;
import dev.marble.chain.run.ChainRun;
import dev.marble.config.Environment;
import dev.marble.event.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Marble as a library beyond one agent: agents from files, a Marble shared by several agents, a chain written in
 * code. Run this from the repository's root (see docs/library.md). Offline: replies are scripted.
 */
public class AgentsExample {

    public static void main(String[] args) throws Exception {
        try (Marble marble = Marble.start(Environment.system(), System.err::println)) {
            marble.openJournal();   // every model call and run is recorded in .marble/journal.db
            // Everything that happens is an event: model calls, tool calls, approvals, the end of each run.
            marble.events().subscribe(event -> {
                if (event instanceof Event.ToolCalled call) System.out.println("[tool] " + call.tool());
            });

            // 1. Agents from files: the worker "main" calls the worker "summarizer" as a tool.
            AgentFiles files = AgentFiles.load(marble, List.of(
                    Path.of("examples/agents/main.worker"), Path.of("examples/agents/summarizer.worker")));
            try (AgentSession main = files.session("main", "scripted:examples/agents/replies.yaml")
                    .workspace(Path.of("examples/agents")).build()) {
                AgentResult result = main.run("Summarise notes.txt");
                System.out.println(result.answer());
                System.out.println(result.ending() + ": " + result.turns() + " turns, "
                        + result.usage().totalTokens() + " tokens, $" + result.cost().usd());
                main.run("Where is the journal?");   // the conversation goes on
                main.reset();                         // and starts again; instructions stay
            }

            // 2. An agent built in code (see BudgetAgent.java), in this Marble, with Marble's file tools; calls the
            //    policy asks about are approved.
            try (Agent helper = Agent.builder("helper").marble(marble).model("scripted:examples/hello/replies.yaml")
                    .instructions("You are terse.").toolsets(Tools.files()).approver(Approver.approveAll()).build()) {
                System.out.println(helper.run("Say hello").answer().lines().findFirst().orElse(""));
            }

            // 3. A chain written in code: one worker link, one pass. It becomes chains/notes.json in the project,
            //    so `marble chain status -C PROJECT notes` sees it like any chain.
            Path project = Files.createTempDirectory("marble-chain");
            Path chainFile = Chains.builder("notes").mode(ChainMode.ONCE)
                    .link("worker", "scripted:examples/agents/chain-replies.yaml", "Tidy the notes, then say DONE.")
                    .writeTo(project);
            ChainRun.Result chain = Chains.start(marble, project, chainFile, null);
            System.out.println("chain: " + chain.status() + " after " + chain.rounds() + " round(s)");
        }
    }
}
