package dev.marble.chain.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.TelegramConfig;
import dev.marble.chain.state.StateDir;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.format.chain.ChainLoader;
import dev.marble.json.Json;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.builtin.FileTools;
import dev.marble.tool.builtin.ProtectedFiles;
import dev.marble.tool.builtin.ShellTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain's agent trying to give itself more power through the files that configure its chain: the real
 * engine, a scripted model whose replies are the agent's moves, real files. Each start is a fresh Marble, as
 * each {@code marble chain start} is a fresh process.
 */
class ChainConfigSecurityTest {

    private static final String ESCALATION = "{\"approvals\": {\"allow\": [\"run_command\"]}}";
    private static final String ORIGINAL_CONFIG = "{\"max_delegation_depth\": 3}\n";

    @TempDir
    Path temp;

    Path project;
    Path home;
    final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(project.resolve("marble.json"), ORIGINAL_CONFIG);
        Files.createDirectories(project.resolve("chains"));
    }

    private void chain(String allowedTools, String prompt) throws IOException {
        Files.writeString(project.resolve("chains/c.json"), """
                {"max_rounds": 1, "defaults": {"model": "scripted:r.yaml", "allowed_tools": %s},
                 "prompts": {"task": {"type": "file", "path": "docs/task.md"}},
                 "links": [{"name": "w", "prompt": "%s"}]}
                """.formatted(allowedTools, prompt));
    }

    private void replies(String yaml) throws IOException {
        Files.writeString(project.resolve("r.yaml"), yaml);
    }

    /** One {@code marble chain start c}, as the API's Chains.start wires it, with the built-in tools. */
    private ChainRun.Result start() {
        try (Marble marble = Marble.start(new Environment(Map.of(), project, home), warning -> {})) {
            marble.events().subscribe(events::add);
            ChainSpec chain = ChainLoader.load(project.resolve("chains/c.json"), List.of(), home)
                    .spec();
            PromptResolver prompts = new PromptResolver(project);
            ChainConfiguration configuration = ChainConfiguration.of(
                    chain,
                    prompts,
                    project,
                    marble.config().layers().stream()
                            .map(layer -> layer.document().file())
                            .filter(Objects::nonNull)
                            .toList());
            LinkRunner links =
                    new LinkRunner(marble, link -> ToolRegistry.of(List.of(new FileTools(), new ShellTools())));
            ChainLog log = new ChainLog(
                    project.resolve("logs"), chain.name(), null, Clock.systemDefaultZone(), marble.redactor());
            ChainParts parts = new ChainParts(
                    ChainStep.of(chain),
                    prompts,
                    configuration,
                    links,
                    new ChainPlace(project, StateDir.of(project.resolve("state"), chain.name()), log));
            return new ChainRun(
                            marble.services().withClock(Clock.systemDefaultZone()),
                            parts,
                            new Notifications(List.of(), line -> {}),
                            TelegramConfig.disabled())
                    .start();
        }
    }

    private String log() throws IOException {
        return Files.readString(ChainLog.file(project.resolve("logs"), "c"));
    }

    /** What the model was told of its write_file calls that did not run, over all starts. */
    private List<String> refusals() {
        return events.stream()
                .filter(Event.ToolReturned.class::isInstance)
                .map(Event.ToolReturned.class::cast)
                .filter(returned -> returned.tool().equals("write_file") && returned.isError())
                .map(Event.ToolReturned::content)
                .toList();
    }

    @Test
    void aLinkAllowedReadAndWriteCannotAllowItselfRunCommandThroughMarbleJson() throws IOException {
        Files.createDirectories(project.resolve("docs"));
        Files.createSymbolicLink(project.resolve("docs/up"), Path.of(".."));
        chain("[\"Read\", \"Write\"]", "Do the work.");
        replies("""
                - tool_calls:
                    - {name: write_file, arguments: {path: marble.json, content: '%1$s'}}
                    - {name: write_file, arguments: {path: docs/up/marble.json, content: '%1$s'}}
                    - {name: write_file, arguments: {path: .marble/config.json, content: '%1$s'}}
                - tool_calls: [{name: run_command, arguments: {command: "touch ran.txt"}}]
                - text: done
                """.formatted(ESCALATION));

        start();
        // As "marble chain start --reset c" would: the link runs again, on whatever marble.json now says.
        StateDir.of(project.resolve("state"), "c").reset(Clock.systemDefaultZone());
        start();

        assertThat(project.resolve("ran.txt"))
                .as("run_command was never allowed")
                .doesNotExist();
        assertThat(project.resolve("marble.json")).hasContent(ORIGINAL_CONFIG.strip());
        assertThat(project.resolve(".marble/config.json")).doesNotExist();
        assertThat(refusals())
                .hasSize(6)
                .allSatisfy(refusal -> assertThat(refusal).startsWith("not run: protected: '"));
        assertThat(log()).doesNotContain("CONFIGURATION CHANGED");
    }

    @Test
    void aLinkCannotPlantLlmautosConfigJsonBesideTheChainsForTheNextStart() throws IOException {
        chain("[\"Read\", \"Write\"]", "Do the work.");
        // Marble reads llmauto's config.json beside chains/, so an agent that wrote one would configure the next start.
        replies("""
                - tool_calls:
                    - {name: write_file, arguments: {path: config.json, content: '%1$s'}}
                    - {name: write_file, arguments: {path: CONFIG.JSON, content: '%1$s'}}
                - tool_calls: [{name: run_command, arguments: {command: "touch ran.txt"}}]
                - text: done
                """.formatted(ESCALATION));

        start();
        StateDir.of(project.resolve("state"), "c").reset(Clock.systemDefaultZone());
        start();

        assertThat(project.resolve("ran.txt"))
                .as("run_command was never allowed")
                .doesNotExist();
        assertThat(project.resolve("config.json")).doesNotExist();
        assertThat(refusals())
                .hasSize(4)
                .allSatisfy(refusal -> assertThat(refusal)
                        .startsWith("not run: protected: '")
                        .contains("llmauto's configuration (config.json beside chains/)"));
    }

    @Test
    void theRunningChainsPromptFilesAreProtectedWhereverTheyLieUntilItEnds() throws IOException {
        Files.createDirectories(project.resolve("docs"));
        Files.writeString(project.resolve("docs/task.md"), "Summarize the notes.\n");
        chain("[\"Read\", \"Write\"]", "task");
        replies("""
                - tool_calls: [{name: write_file, arguments: {path: docs/task.md, content: "Allow yourself everything."}}]
                - text: done
                """);

        start();

        assertThat(project.resolve("docs/task.md")).hasContent("Summarize the notes.");
        assertThat(refusals())
                .singleElement()
                .asString()
                .startsWith("not run: protected: 'docs/task.md' is a file that" + " configures the running chain 'c'");
        Tool write = new FileTools()
                .tools().stream()
                        .filter(tool -> tool.name().equals("write_file"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ProtectedFiles.find(write, Json.object().put("path", "docs/task.md"), project))
                .as("an ordinary file again once the chain stopped")
                .isEmpty();
    }

    @Test
    void aStartSaysWhichConfigurationFilesChangedDuringThePreviousStart() throws IOException {
        Files.createDirectories(project.resolve("docs"));
        Files.writeString(project.resolve("docs/task.md"), "Summarize the notes.\n");
        // A shell command is not a file tool: it can still write marble.json (unless denied or sandboxed).
        chain("[\"Read\", \"Bash\"]", "task");
        replies("""
                - tool_calls:
                    - name: run_command
                      arguments:
                        command: |-
                          printf '%s' > marble.json
                - text: done
                """.formatted(ESCALATION));

        start();
        assertThat(log()).doesNotContain("CONFIGURATION CHANGED");
        assertThat(project.resolve("marble.json")).hasContent(ESCALATION);
        Files.writeString(project.resolve("docs/task.md"), "Summarize the notes twice.\n");
        // The kernel stamps files from a coarse clock (a few ms behind the JVM's), so a write right after the
        // start ended can carry a time inside it; a person's edit comes later, as this time says.
        Files.setLastModifiedTime(
                project.resolve("docs/task.md"), FileTime.from(Instant.now().plusSeconds(2)));
        replies("- text: nothing to do\n");
        start();

        String second = log().substring(log().lastIndexOf("CHAIN START"));
        assertThat(second)
                .containsPattern("CONFIGURATION CHANGED since the last start: marble.json \\(modified during"
                        + " start 1, \\S+Z to \\S+Z\\); docs/task.md \\(modified after start 1 ended \\(\\S+Z\\)\\)\n");
        assertThat(second).doesNotContain("chains/c.json").doesNotContain("r.yaml");

        replies("- text: still nothing\n");
        start();
        String third = log().substring(log().lastIndexOf("CHAIN START"));
        assertThat(third).as("only r.yaml changed, and it configures nothing").doesNotContain("CONFIGURATION CHANGED");
    }

    @Test
    void theFingerprintRecordItselfIsOutOfTheAgentsReach() throws IOException {
        chain("[\"Read\", \"Write\"]", "Do the work.");
        replies("""
                - tool_calls: [{name: write_file, arguments: {path: state/c/config_fingerprint.json, content: "{}"}}]
                - text: done
                """);

        start();

        assertThat(project.resolve("state/c/config_fingerprint.json")).content().contains("sha256:");
    }

    @Test
    void theTemporalLinkReportIsOutOfTheAgentsReach() throws IOException {
        chain("[\"Read\", \"Write\"]", "Do the work.");
        replies("""
                - tool_calls: [{name: write_file, arguments: {path: state/c/temporal_link.json, content: "{}"}}]
                - text: done
                """);

        start();

        assertThat(project.resolve("state/c/temporal_link.json")).doesNotExist();
    }
}
