package dev.marble.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.format.chain.ChainLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt resolution in llmauto's order (SEEDS-SPEC 1.7), with its silent failures turned into errors. */
class PromptResolverTest {

    @TempDir
    Path temp;

    private Path project;
    private Path home;
    private TemplateVariables vars;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("prompts"));
        home = Files.createDirectories(temp.resolve("home"));
        Path state = project.resolve("state/demo");
        vars = TemplateVariables.of(home, "demo", state, state.resolve("handoff.md"), 3);
    }

    /** A one-link chain whose link has {@code linkJson}'s keys, with {@code promptsJson} as its prompts. */
    private ChainSpec chain(String linkJson, String promptsJson) throws IOException {
        Path file = Files.createDirectories(project.resolve("chains")).resolve("demo.json");
        Files.writeString(file, "{\"links\": [" + linkJson + "], \"prompts\": " + promptsJson + "}");
        return ChainLoader.load(file, List.of(), home).spec();
    }

    private String resolve(String linkJson, String promptsJson) throws IOException {
        ChainSpec spec = chain(linkJson, promptsJson);
        return new PromptResolver(project).resolve(spec, spec.links().getFirst(), vars);
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theFilesPromptsAreReadFromAreListedOnceEachInLinkOrder() throws IOException {
        write("texts/worker.txt", "From a file.");
        write("prompts/review.txt", "From prompts/.");
        write("TASK.md", "Named by the key.");
        Path file = Files.createDirectories(project.resolve("chains")).resolve("demo.json");
        Files.writeString(file, """
                {"links": [{"name": "a", "prompt": "w"}, {"name": "b", "prompt": "review"}, {"name": "c", "prompt": "TASK.md"},
                           {"name": "d", "prompt": "Just do it."}, {"name": "e", "prompt": "w"}, {"name": "f", "prompt": "i"}],
                 "prompts": {"w": {"type": "file", "path": "texts/worker.txt"}, "i": "Inline text."}}
                """);
        ChainSpec spec = ChainLoader.load(file, List.of(), home).spec();

        assertThat(new PromptResolver(project).files(spec))
                .containsExactly(
                        project.resolve("texts/worker.txt"),
                        project.resolve("prompts/review.txt"),
                        project.resolve("TASK.md"));
    }

    @Test
    void aPlainStringInPromptsIsTheText() throws IOException {
        assertThat(resolve("{\"prompt\": \"w\"}", "{\"w\": \"Do the work.\"}")).isEqualTo("Do the work.");
    }

    @Test
    void anInlineObjectIsItsContentWhereLlmautoSentTheKey() throws IOException {
        assertThat(resolve(
                        "{\"prompt\": \"k_inline\"}",
                        "{\"k_inline\": {\"type\": \"inline\", \"content\": \"Review it.\"}}"))
                .isEqualTo("Review it.");
    }

    @Test
    void aFilePromptIsReadRelativeToTheProjectRoot() throws IOException {
        write("texts/worker.txt", "Worker prompt from a file.");
        assertThat(resolve("{\"prompt\": \"w\"}", "{\"w\": {\"type\": \"file\", \"path\": \"texts/worker.txt\"}}"))
                .isEqualTo("Worker prompt from a file.");
    }

    @Test
    void aFilePromptMayBeAbsoluteOrUseHome() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside.txt"), "Outside.");
        String escaped = outside.toString().replace("\\", "\\\\");
        assertThat(resolve("{\"prompt\": \"w\"}", "{\"w\": {\"type\": \"file\", \"path\": \"" + escaped + "\"}}"))
                .isEqualTo("Outside.");
        Files.writeString(home.resolve("mine.txt"), "From home.");
        assertThat(resolve("{\"prompt\": \"w\"}", "{\"w\": {\"type\": \"file\", \"path\": \"{HOME}/mine.txt\"}}"))
                .isEqualTo("From home.");
    }

    @Test
    void aMissingPromptFileIsAnErrorNamingLinkKeyAndPath() throws IOException {
        ChainSpec spec = chain(
                "{}, {\"name\": \"r\", \"prompt\": \"rev\"}",
                "{\"rev\": {\"type\": \"file\", \"path\": \"prompts/rev.txt\"}}");
        assertThatThrownBy(() ->
                        new PromptResolver(project).resolve(spec, spec.links().get(1), vars))
                .isInstanceOf(ChainFileException.class)
                .hasMessage(spec.file()
                        + ":1:16: links[1].prompt: prompt \"rev\" reads prompts/rev.txt, which does not exist ("
                        + project.resolve("prompts/rev.txt") + ")");
    }

    @Test
    void aPromptFileThatIsADirectoryOrNotUtf8IsAnError() throws IOException {
        Files.createDirectories(project.resolve("prompts/dir"));
        assertThatThrownBy(() ->
                        resolve("{\"prompt\": \"w\"}", "{\"w\": {\"type\": \"file\", \"path\": \"prompts/dir\"}}"))
                .hasMessageEndingWith("links[0].prompt: prompt \"w\" reads prompts/dir, which is a directory ("
                        + project.resolve("prompts/dir") + ")");
        Files.write(project.resolve("prompts/latin1.txt"), new byte[] {'F', (byte) 0xFC, 'r'});
        assertThatThrownBy(() -> resolve(
                        "{\"prompt\": \"w\"}", "{\"w\": {\"type\": \"file\", \"path\": \"prompts/latin1.txt\"}}"))
                .hasMessageEndingWith("links[0].prompt: prompt \"w\" file " + project.resolve("prompts/latin1.txt")
                        + " is not UTF-8 text");
    }

    @Test
    void aTemplateFillsItsOwnVariablesAndTheChainsOnes() throws IOException {
        String text = resolve("{\"prompt\": \"generic\"}", """
                {"generic": {"type": "template",
                  "template": "Lies {{task_file}} (limit {{ limit }}) und aktualisiere {{handoff_file}}; Runde {{round}} von {{CHAIN}} in {HOME}.",
                  "task_file": "TODO.md", "limit": 3}}""");
        assertThat(text)
                .isEqualTo("Lies TODO.md (limit 3) und aktualisiere " + vars.handoff() + "; Runde 3 von demo in " + home
                        + ".");
    }

    @Test
    void aTemplateVariableNothingDefinesIsAnErrorListingWhatIsDefined() throws IOException {
        assertThatThrownBy(() -> resolve(
                        "{\"prompt\": \"generic\"}",
                        "{\"generic\": {\"type\": \"template\", \"template\": \"Read {{task_file}} and "
                                + "{{handoff_file}}, then {{x}}\"}}"))
                .isInstanceOf(ChainFileException.class)
                .hasMessageEndingWith(
                        ":1:12: links[0].prompt: template \"generic\" uses {{task_file}}, {{x}}, which nothing "
                                + "defines; add it as a key of prompts.generic or use one of bash_home, chain, "
                                + "handoff, handoff_file, "
                                + "home, round, state_dir");
    }

    @Test
    void aKeyNotInPromptsIsLookedUpInThePromptsFolderFirstAsGivenThenWithTxt() throws IOException {
        write("prompts/worker.txt", "from worker.txt");
        assertThat(resolve("{\"prompt\": \"worker\"}", "{}")).isEqualTo("from worker.txt");
        write("prompts/worker", "from worker");
        assertThat(resolve("{\"prompt\": \"worker\"}", "{}")).isEqualTo("from worker");
        assertThat(resolve("{\"prompt\": \"worker.txt\"}", "{}")).isEqualTo("from worker.txt");
    }

    @Test
    void aKeyInPromptsWinsOverAFileOfTheSameName() throws IOException {
        write("prompts/worker.txt", "from the folder");
        assertThat(resolve("{\"prompt\": \"worker\"}", "{\"worker\": \"from the chain\"}"))
                .isEqualTo("from the chain");
    }

    @Test
    void anExistingFileNamedByTheKeyBecomesAnInstructionWithItsAbsolutePath() throws IOException {
        write("tasks/review.md", "the task");
        assertThat(resolve("{\"prompt\": \"tasks/review.md\"}", "{}"))
                .isEqualTo("Read the file " + project.resolve("tasks/review.md")
                        + " and carry out the task described in it.");
    }

    @Test
    void filesAreFoundFromTheProjectRootNotTheWorkingDirectory() throws IOException {
        // pom.xml exists in the directory the tests run in; the project root has none.
        assertThat(Path.of("pom.xml")).exists();
        assertThatThrownBy(() -> resolve("{\"prompt\": \"pom.xml\"}", "{}")).isInstanceOf(ChainFileException.class);
    }

    @Test
    void textWithSpacesThatNamesNothingIsTheInlinePrompt() throws IOException {
        assertThat(resolve("{\"prompt\": \"Fix the failing test in {CHAIN}.\"}", "{}"))
                .isEqualTo("Fix the failing test in demo.");
    }

    @Test
    void aSingleWordThatNamesNothingIsAnErrorWhereLlmautoSentItAsThePrompt() throws IOException {
        ChainSpec spec =
                chain("{\"name\": \"sonnet-worker\",\n \"prompt\": \"k_inlin\"}", "{\"k_inline\": \"Review it.\"}");
        assertThatThrownBy(() ->
                        new PromptResolver(project).resolve(spec, spec.links().getFirst(), vars))
                .isInstanceOf(ChainFileException.class)
                .hasMessage(
                        spec.file() + ":1:12: links[0].prompt: \"k_inlin\" is not a key of \"prompts\", and none of "
                                + "prompts/k_inlin, prompts/k_inlin.txt or k_inlin exists in " + project
                                + "; inline prompt text must be more than one word");
    }

    @Test
    void anEmptyPromptOrAnEmptyPromptFileAsksForTheNextTask() throws IOException {
        assertThat(resolve("{}", "{}")).isEqualTo("Execute the next task.");
        assertThat(resolve("{\"prompt\": \"  \"}", "{}")).isEqualTo("Execute the next task.");
        write("prompts/empty.txt", "\n");
        assertThat(resolve("{\"prompt\": \"empty\"}", "{}")).isEqualTo("Execute the next task.");
    }

    @Test
    void placeholdersAreFilledInFileTextAndOtherBracesAreLeftAlone() throws IOException {
        write(
                "prompts/w.txt",
                "Handoff: {HANDOFF}\nState: {STATE_DIR}\nBash: {BASH_HOME}/x\nRound {ROUND}\n"
                        + "JSON {\"a\": 1} {{task}} {home} {UNKNOWN}");
        assertThat(resolve("{\"prompt\": \"w\"}", "{}"))
                .isEqualTo("Handoff: " + vars.handoff() + "\nState: " + vars.stateDir() + "\nBash: " + home
                        + "/x\nRound 3\nJSON {\"a\": 1} {{task}} {home} {UNKNOWN}");
    }

    @Test
    void untilFullAppendsTheTranslatedParagraphAfterTheText() throws IOException {
        assertThat(resolve("{\"prompt\": \"Work on {CHAIN} now\", \"until_full\": true}", "{}"))
                .isEqualTo("Work on demo now\n\nIMPORTANT: Your context is your limit. Work through as many tasks as "
                        + "possible. "
                        + "Only when you notice that your context is running low or that a compaction is "
                        + "taking place, "
                        + "finish the current task cleanly, write a complete handoff and end.");
        assertThat(resolve("{\"prompt\": \"Work on it now\", \"until_full\": false}", "{}"))
                .isEqualTo("Work on it now");
    }

    @Test
    void checkPassesWhenEveryLinkResolvesAndReportsOnlyTheBrokenOnes() throws IOException {
        write("prompts/a.txt", "A");
        ChainSpec good = chain("{\"prompt\": \"a\"}, {\"prompt\": \"Do b now\"}, {}", "{}");
        new PromptResolver(project).check(good);
        assertThat(new PromptResolver(project).problems(good)).isEmpty();

        ChainSpec broken = chain("{\"prompt\": \"a\"}, {\"prompt\": \"missing1\"}, {\"prompt\": \"missing2\"}", "{}");
        List<ChainFileException> problems = new PromptResolver(project).problems(broken);
        assertThat(problems)
                .extracting(e -> e.location().field())
                .containsExactly("links[1].prompt", "links[2].prompt");
        assertThatThrownBy(() -> new PromptResolver(project).check(broken))
                .hasMessage(problems.getFirst().getMessage() + " (and 1 more prompt problem)");
    }
}
