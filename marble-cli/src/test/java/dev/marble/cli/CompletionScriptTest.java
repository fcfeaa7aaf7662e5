package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble completion}: each script is loaded into the real shell and asked to complete, as the shell would
 * when Tab is pressed: subcommands, chain names from chains/, agent files for run, model names after -m.
 */
class CompletionScriptTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("chains/nightly.json", "{\"links\": [{\"prompt\": \"Do it.\"}]}\n");
        cli.write("chains/weekly.json", "{\"links\": [{\"prompt\": \"Do it.\"}]}\n");
        cli.write("main.worker", "---\nname: main\n---\nHi.\n");
        cli.write("notes.txt", "not an agent\n");
        Files.createDirectories(cli.project().resolve("sub/dir"));
    }

    private Path script(String shell) throws IOException {
        var result = cli.run("completion", shell);
        assertThat(result.exit()).as(result.err()).isZero();
        return Files.writeString(temp.resolve("marble." + shell), result.out());
    }

    /** The shell's standard output; its standard error (compopt complains outside a real Tab press) only on failure. */
    private static String shell(Path directory, String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("shell", ".err");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectError(errors.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output + Files.readString(errors)).isZero();
        Files.delete(errors);
        return output;
    }

    /** What bash offers for the words typed, the last one being completed. */
    private List<String> bashCompletes(Path script, Path directory, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) array.append(" '").append(word).append('\'');
        String line = String.join(" ", words);
        String program = "source " + script + "\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=" + line.length() + "\n"
                + "_marble_complete marble '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        return shell(directory, "bash", "-c", program)
                .lines()
                .filter(s -> !s.isBlank())
                .toList();
    }

    @Test
    void bashLoadsTheScriptAndCompletesASubcommand() throws Exception {
        Path script = script("bash");
        assertThat(shell(cli.project(), "bash", "-c", "source " + script + "; complete -p marble"))
                .contains("_marble_complete")
                .contains("marble");
        assertThat(bashCompletes(script, cli.project(), "marble", "ch")).containsExactlyInAnyOrder("chat", "chain");
        assertThat(bashCompletes(script, cli.project(), "marble", "chain", "st"))
                .containsExactlyInAnyOrder("start", "status", "stop");
        assertThat(bashCompletes(script, cli.project(), "marble", "pipe", "--mo"))
                .containsExactly("--model");
    }

    @Test
    void bashCompletesChainNamesFromTheNearestChainsFolder() throws Exception {
        Path script = script("bash");
        assertThat(bashCompletes(script, cli.project(), "marble", "chain", "start", ""))
                .containsExactlyInAnyOrder("nightly", "weekly");
        assertThat(bashCompletes(script, cli.project().resolve("sub/dir"), "marble", "chain", "stop", "ni"))
                .as("from a folder below, as marble chain finds them")
                .containsExactly("nightly");
    }

    @Test
    void bashCompletesAgentFilesForRunAndModelsAfterDashM() throws Exception {
        Path script = script("bash");
        assertThat(bashCompletes(script, cli.project(), "marble", "run", ""))
                .contains("main.worker", "chains", "sub")
                .doesNotContain("notes.txt");
        assertThat(bashCompletes(script, cli.project(), "marble", "pipe", "-m", "so"))
                .containsExactly("sonnet");
        // anthropic_vertex (Claude on Vertex AI, LLMProc's name) shares the prefix
        assertThat(bashCompletes(script, cli.project(), "marble", "loop", "-m", "anth"))
                .containsExactly("anthropic:", "anthropic_vertex:");
    }

    @Test
    void zshLoadsTheScript() throws Exception {
        requireShell("zsh");
        Path script = script("zsh");
        assertThat(shell(
                        cli.project(),
                        "zsh",
                        "-c",
                        "autoload -U +X compinit && compinit -u; source " + script + "; print -r -- ${_comps[marble]}"))
                .contains("_bash_complete");
    }

    @Test
    void fishLoadsTheScriptAndCompletes() throws Exception {
        requireShell("fish");
        Path script = script("fish");
        String subcommands = shell(cli.project(), "fish", "-c", "source " + script + "; complete -C 'marble ch'");
        assertThat(subcommands.lines().map(line -> line.split("\t")[0])).contains("chat", "chain");
        String chains = shell(
                cli.project().resolve("sub/dir"),
                "fish",
                "-c",
                "source " + script + "; complete -C 'marble chain start '");
        assertThat(chains.lines().map(line -> line.split("\t")[0])).contains("nightly", "weekly");
        String files = shell(cli.project(), "fish", "-c", "source " + script + "; complete -C 'marble run '");
        assertThat(files.lines().map(line -> line.split("\t")[0]))
                .contains("main.worker")
                .doesNotContain("notes.txt");
        String options = shell(cli.project(), "fish", "-c", "source " + script + "; complete -C 'marble pipe --mo'");
        assertThat(options).contains("--model");
        String models = shell(cli.project(), "fish", "-c", "source " + script + "; complete -C 'marble pipe -m so'");
        assertThat(models.lines().map(line -> line.split("\t")[0])).contains("sonnet");
    }

    /** Skips, saying why, where the shell is missing; in CI (MARBLE_REQUIRE_PEERS=1) a missing shell fails. */
    private static void requireShell(String shell) {
        boolean present = onPath(shell);
        if ("1".equals(System.getenv("MARBLE_REQUIRE_PEERS"))) {
            assertThat(present).as(shell + " on PATH (.ci/run installs it)").isTrue();
        }
        Assumptions.assumeTrue(present, shell + " is not installed here (apt install " + shell + "); CI installs it");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
