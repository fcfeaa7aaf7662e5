package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.PromptResolver;
import dev.marble.config.Environment;
import dev.marble.format.chain.ChainLoader;
import dev.marble.format.chain.LoadedChain;
import dev.marble.testkit.StandInClaude;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * marble chain create with answers piped in, as llmauto's wizard was driven (SEEDS-SPEC 1.14): the real command,
 * real files, and the chain it writes loaded by ChainLoader and run by marble chain start with a stand-in claude.
 */
class ChainCreateCommandTest {

    private static final Pattern CREATED = Pattern.compile("\"_created\": \"(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d)\"");

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
    }

    /** Runs the wizard with these answer lines piped in (each line ends with a newline, as a here-document's do). */
    private CliRunner.Result create(String... answers) {
        return cli.stdin(answers.length == 0 ? "" : String.join("\n", answers) + "\n")
                .run("chain", "create");
    }

    /** A person at a terminal typing these answers, one a line. */
    private CliRunner.Result typed(String... answers) {
        return cli.typing(String.join("\n", answers) + "\n").run("chain", "create");
    }

    private void nothingWritten() throws IOException {
        try (var files = Files.list(cli.project())) {
            assertThat(files).isEmpty();
        }
    }

    private Path project(String relative) {
        return cli.project().resolve(relative);
    }

    /** The file's text with its _created stamp checked (a minute between the test's start and now) and replaced by T.
     * */
    private String chainText(String name, LocalDateTime before) throws IOException {
        String text = Files.readString(project("chains/" + name + ".json"));
        Matcher matcher = CREATED.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        LocalDateTime created = LocalDateTime.parse(matcher.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(created).isBetween(before.withSecond(0).withNano(0), LocalDateTime.now());
        return matcher.replaceFirst("\"_created\": \"T\"");
    }

    private String content(String relative) throws IOException {
        return Files.readString(project(relative));
    }

    private LoadedChain load(String name) {
        return ChainLoader.load(project("chains/" + name + ".json"), List.of(), cli.home());
    }

    @Test
    void aOnceChainWithAPromptPerLinkIsWrittenAsLlmautosWizardWroteIt() throws IOException {
        LocalDateTime before = LocalDateTime.now();
        var result = create(
                "review",
                "One pass of review",
                "1", // once
                "1.5", // runtime hours: a fraction, which llmauto could not take
                "2", // a prompt per link
                "2", // links
                "writer",
                "1",
                "2",
                "writes the draft",
                "Write the draft into {HANDOFF}.",
                "  - keep this indent",
                "",
                "y",
                "checker",
                "2",
                "3",
                "",
                "0", // the template link 1 just saved is offered, as llmauto offered it: new prompt
                "Check the draft.",
                "",
                "",
                "y");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(chainText("review", before)).isEqualTo("""
                {
                    "chain_name": "review",
                    "description": "One pass of review",
                    "mode": "once",
                    "max_rounds": 1,
                    "runtime_hours": 1.5,
                    "links": [
                        {
                            "name": "writer",
                            "role": "worker",
                            "model": "claude-opus-4-6",
                            "description": "writes the draft",
                            "until_full": true,
                            "prompt": "review_writer"
                        },
                        {
                            "name": "checker",
                            "role": "reviewer",
                            "model": "claude-haiku-4-5-20251001",
                            "description": "reviewer link 2",
                            "prompt": "review_checker"
                        }
                    ],
                    "prompts": {
                        "review_writer": {
                            "type": "file",
                            "path": "prompts/review_writer.txt"
                        },
                        "review_checker": {
                            "type": "file",
                            "path": "prompts/review_checker.txt"
                        }
                    },
                    "_created": "T",
                    "_creator": "marble chain create"
                }
                """);
        assertThat(content("prompts/review_writer.txt"))
                .isEqualTo("Write the draft into {HANDOFF}.\n  - keep this indent\n");
        assertThat(content("prompts/review_checker.txt")).isEqualTo("Check the draft.\n");
        assertThat(content("prompts/templates/review_writer.txt"))
                .isEqualTo("Write the draft into {HANDOFF}.\n  - keep this indent\n");
        assertThat(project("prompts/templates/review_checker.txt")).doesNotExist(); // per-link default: no
        assertThat(result.err()).contains("[1] template: templates/review_writer");
        assertThat(result.out())
                .contains("Saved: " + project("chains/review.json"))
                .contains("Start it with: marble chain start review");
        assertThat(load("review").warnings()).isEmpty();
    }

    @Test
    void emptyAnswersTakeLlmautosDefaultsForALoopChainWithOneSharedPrompt() throws IOException {
        LocalDateTime before = LocalDateTime.now();
        var result = create(
                "",
                "",
                "",
                "",
                "",
                "",
                "", // name, description, mode, rounds, hours, blocks, prompt mode
                "Do the next task.",
                "", // the shared prompt (there is nothing to take empty here)
                "",
                "",
                "", // prompt name, save as template (yes), number of links
                "",
                "",
                "",
                "", // link 1: name, role, model, description
                "",
                "",
                "",
                "", // link 2
                ""); // save
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(chainText("new-chain", before)).isEqualTo("""
                {
                    "chain_name": "new-chain",
                    "description": "",
                    "mode": "loop",
                    "max_rounds": 20,
                    "runtime_hours": 3,
                    "max_consecutive_blocks": 3,
                    "links": [
                        {
                            "name": "link-1",
                            "role": "worker",
                            "model": "claude-sonnet-4-6",
                            "description": "worker link 1",
                            "until_full": true,
                            "prompt": "new-chain_prompt"
                        },
                        {
                            "name": "link-2",
                            "role": "worker",
                            "model": "claude-sonnet-4-6",
                            "description": "worker link 2",
                            "until_full": true,
                            "prompt": "new-chain_prompt"
                        }
                    ],
                    "prompts": {
                        "new-chain_prompt": {
                            "type": "file",
                            "path": "prompts/new-chain_prompt.txt"
                        }
                    },
                    "_created": "T",
                    "_creator": "marble chain create"
                }
                """);
        assertThat(content("prompts/new-chain_prompt.txt")).isEqualTo("Do the next task.\n");
        assertThat(content("prompts/templates/new-chain_prompt.txt")).isEqualTo("Do the next task.\n");
        LoadedChain loaded = load("new-chain");
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.spec().maxConsecutiveBlocks()).isEqualTo(3);
        assertThat(new PromptResolver(cli.project()).problems(loaded.spec())).isEmpty();
        assertThat(result.err())
                .doesNotContain("stop criterion")
                .doesNotContain("After-agent")
                .contains("stops when an agent writes ALL_DONE to state/new-chain/status.txt");
    }

    @Test
    void aBadAnswerAtTheTerminalIsRefusedWithOneLineAndAskedAgain() throws IOException {
        var result = typed(
                "bad/name",
                ".hidden",
                "x.json",
                "good", // name
                "", // description
                "3",
                "loop", // mode
                "-1",
                "many",
                "5", // max rounds
                "x",
                "", // runtime hours
                "0",
                "2", // BLOCKED lines
                "4",
                "", // prompt mode: shared
                "",
                "Go.",
                "", // the prompt: an empty one is refused
                "_hidden",
                "", // prompt name
                "maybe",
                "n", // save as template
                "0",
                "1", // number of links
                "", // link name
                "7",
                "worker", // role
                "9",
                "4",
                "nosuch:model",
                "ollama:qwen3:8b", // model: other, checked against Marble's providers
                "", // description
                "y");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("expected a chain name usable as a file name (not blank, no / or \\, not starting with . or "
                        + "_), got \"bad/name\"")
                .contains("got \".hidden\"")
                .contains("expected the chain name without .json")
                .contains("expected 1 (once) or 2 (loop), got \"3\"")
                .contains("expected a whole number of at least 0, got -1")
                .contains("expected a whole number, got \"many\"")
                .contains("expected a number of hours, 0 or more (such as 3 or 1.5), got \"x\"")
                .contains("expected a whole number of at least 1, got 0")
                .contains("expected 1 (shared) or 2 (per link), got \"4\"")
                .contains("expected 1 (worker), 2 (reviewer) or 3 (controller), got \"7\"")
                .contains("expected at least one line of prompt text")
                .contains("expected a prompt name usable as a file name (not blank, no / or \\, not starting with . "
                        + "or _), got \"_hidden\"")
                .contains("expected y or n, got \"maybe\"")
                .contains("expected a number from 1 to 4, got \"9\"")
                .contains("unknown provider 'nosuch' in 'nosuch:model'")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        String text = Files.readString(project("chains/good.json"));
        assertThat(text)
                .contains(
                        "\"max_rounds\": 5",
                        "\"runtime_hours\": 3",
                        "\"max_consecutive_blocks\": 2",
                        "\"model\": \"ollama:qwen3:8b\"",
                        "\"role\": \"worker\"",
                        "\"prompt\": \"good_prompt\"");
        assertThat(load("good").warnings()).isEmpty();
    }

    @Test
    void anAnswerFileForLlmautosLoopWizardFailsAtTheQuestionItCannotAnswerInsteadOfWritingAWrongChain()
            throws IOException {
        // llmauto's loop wizard also asks for a stop criterion after the BLOCKED limit and for an after-agent at the
        // end; Marble asks neither, so from the stop criterion on these answers are out of step with its questions.
        var result = create(
                "nachtlauf",
                "Naechtliche Liste",
                "2", // loop
                "20",
                "3",
                "3",
                "2", // llmauto: stop criterion ALL_DONE; Marble: prompt mode "per link"
                "1", // llmauto: one shared prompt; Marble: number of links
                "Arbeite die naechste Aufgabe der Liste ab.", // Marble: the link's name
                "", // Marble: the role (the default, worker)
                "prompt_liste", // Marble: the model choice, which it is not
                "2",
                "schreiber",
                "1",
                "1",
                "Schreibt",
                "pruefer",
                "2",
                "2",
                "Prueft",
                "n", // llmauto: no after-agent
                "j");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .last()
                .isEqualTo("marble: error: chain create: line 11 of the answers, \"prompt_liste\", does not answer "
                        + "\"Choice\": expected a number from 1 to 4, got \"prompt_liste\"; nothing was written");
        assertThat(result.out()).isEmpty();
        nothingWritten();
    }

    @Test
    void pipedAnswersThatGoOnAfterTheLastQuestionDidNotFitAndNothingIsWritten() throws IOException {
        // Each answer fits the question it meets, yet two are left over: they were written for other questions.
        var result = create("c", "", "1", "", "1", "Go.", "", "", "n", "1", "", "", "", "", "y", "n", "y");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains(
                        "marble: error: chain create: the answers go on after the last question (\"Save the chain?\"):"
                                + " line 16, \"n\", answers none of them, so the answers do not fit the questions; nothing was"
                                + " written");
        nothingWritten();

        var declined = create("c", "", "1", "", "1", "Go.", "", "", "n", "1", "", "", "", "", "n", "y");
        assertThat(declined.exit())
                .as("a no followed by more answers is out of step too")
                .isEqualTo(2);
        nothingWritten();

        var trailingBlank = create("c", "", "1", "", "1", "Go.", "", "", "n", "1", "", "", "", "", "y", "", "");
        assertThat(trailingBlank.exit()).as(trailingBlank.err()).isZero();
        assertThat(project("chains/c.json")).exists();
    }

    @Test
    void aPipedAnswerThatDoesNotFitItsQuestionEndsTheWizardNamingTheQuestionAndTheLine() throws IOException {
        var result = create("c", "", "3", "1", "");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains("marble: error: chain create: line 3 of the answers, \"3\", does not answer \"Mode\": "
                        + "expected 1 (once) or 2 (loop), got \"3\"; nothing was written")
                .doesNotContain("\tat ");
        nothingWritten();

        var emptyPrompt = create("c", "", "1", "", "1", "", "Go.");
        assertThat(emptyPrompt.exit()).isEqualTo(2);
        assertThat(emptyPrompt.err())
                .contains("line 6 of the answers, \"\", does not answer \"Enter the prompt:\": expected at least one "
                        + "line of prompt text");
        nothingWritten();
    }

    @Test
    void theEndOfInputAbortsWithExit2AndWritesNothing() throws IOException {
        var midway = create("c", "", "2", "", "", "", "2", "2", "w", "1", "1", "", "first line");
        assertThat(midway.exit()).isEqualTo(2);
        assertThat(midway.err())
                .contains("marble: error: chain create: the input ended before \"Prompt for 'w':\" "
                        + "was answered; nothing was written")
                .doesNotContain("\tat ");
        assertThat(midway.out()).isEmpty();
        try (var files = Files.list(cli.project())) {
            assertThat(files).isEmpty();
        }

        var atPreview = create("c", "", "1", "", "1", "Go.", "", "", "n", "1", "", "", "", "");
        assertThat(atPreview.exit()).isEqualTo(2);
        assertThat(atPreview.err()).contains("the input ended before \"Save the chain? (Y/n)\" was answered");
        try (var files = Files.list(cli.project())) {
            assertThat(files).isEmpty();
        }

        assertThat(create().exit()).isEqualTo(2);
    }

    @Test
    void ctrlCDuringTheDialogExits130AndWritesNothing() throws IOException {
        // The first Ctrl+C interrupts the command's thread (InterruptHandler); here it comes while an answer is read.
        InputStream answers = new ByteArrayInputStream("c\n\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                Thread.currentThread().interrupt();
                return super.read(buffer, offset, length);
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new Environment(Map.of("PATH", "/nonexistent"), cli.project(), cli.home()),
                answers,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                true,
                true);
        int exit;
        try {
            exit = MarbleCli.run(context, "chain", "create");
        } finally {
            Thread.interrupted(); // the flag must not outlive the test
        }
        assertThat(exit).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("marble: interrupted; nothing was written\n");
        try (var files = Files.list(cli.project())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anExistingChainIsReplacedOnlyAfterAYes() throws IOException {
        cli.write("chains/c.json", "original\n");
        String[] answers = {"c", "", "1", "", "1", "Go.", "", "", "n", "1", "", "", "", "", "", ""};

        var declined = create("d", "", "1", "", "1", "Go.", "", "", "n", "1", "", "", "", "", "n");
        assertThat(declined.exit()).as(declined.err()).isZero();
        assertThat(declined.out()).contains("Not saved; nothing was written.");
        assertThat(project("chains/d.json")).doesNotExist();
        assertThat(project("prompts")).doesNotExist();

        var kept = create(answers); // save: yes (Enter); overwrite: Enter, which is no
        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(kept.err()).contains("'c' already exists. Overwrite? (y/N)");
        assertThat(kept.out()).contains("Not saved; nothing was written.");
        assertThat(content("chains/c.json")).isEqualTo("original\n");
        assertThat(project("prompts")).doesNotExist();

        answers[answers.length - 1] = "y";
        var replaced = create(answers);
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(Files.readString(project("chains/c.json"))).contains("\"chain_name\": \"c\"");
        assertThat(content("prompts/c_prompt.txt")).isEqualTo("Go.\n");
    }

    @Test
    void savedPromptsAreOfferedAndAPromptFileWithOtherTextIsNeverTakenForANewOne() throws IOException {
        cli.write("prompts/shared.txt", "The shared task.\n");
        cli.write("prompts/p_w.txt", "an older prompt\n");
        // Per link: link w types a new prompt whose key p_w holds other text; link v takes the template "shared".
        var result = create(
                "p", "", "1", "", "2", "2", "w", "", "", "", "0", "A new prompt.", "", "", "v", "", "", "", "2", "y");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .contains(
                        "[1] template: p_w",
                        "[2] template: shared",
                        "Template loaded: shared",
                        "Note: prompts/p_w.txt already holds other text; this prompt becomes prompts/p_w-2.txt");
        assertThat(content("prompts/p_w.txt")).isEqualTo("an older prompt\n");
        assertThat(content("prompts/p_w-2.txt")).isEqualTo("A new prompt.\n");
        assertThat(content("prompts/shared.txt")).isEqualTo("The shared task.\n");
        String text = Files.readString(project("chains/p.json"));
        assertThat(text)
                .contains("\"prompt\": \"p_w-2\"", "\"prompt\": \"shared\"", "\"path\": \"prompts/shared.txt\"");
        assertThat(result.out()).contains("Wrote prompts/p_w-2.txt").doesNotContain("Wrote prompts/shared.txt");
    }

    @Test
    void theCreatedChainRunsWithMarbleChainStart() throws IOException {
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));
        Path ledger = temp.resolve("ledger.txt");
        Path agent = Files.writeString(
                temp.resolve("agent.sh"), "echo \"$STANDIN_CLAUDE_PROMPT\" | head -n 1 >> \"$LEDGER\"\n");
        cli.env("PATH", claude.directory() + ":/usr/bin:/bin")
                .env("LEDGER", ledger.toString())
                .env("STANDIN_CLAUDE_AGENT", "bash " + agent);

        var created = create(
                "run-me",
                "",
                "1",
                "",
                "2",
                "2",
                "first",
                "",
                "",
                "",
                "First link in round {ROUND}.",
                "",
                "",
                "second",
                "2",
                "3",
                "",
                "Second link.",
                "",
                "",
                "y");
        assertThat(created.exit()).as(created.err()).isZero();

        var run = cli.stdin("").run("chain", "start", "run-me");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("warning");
        assertThat(Files.readAllLines(ledger)).containsExactly("First link in round 1.", "Second link.");
        assertThat(Files.readString(project("logs/run-me.log")))
                .contains("first (worker): start claude-code:claude-sonnet-4-6")
                .contains("second (reviewer): start claude-code:claude-haiku-4-5-20251001");
    }
}
