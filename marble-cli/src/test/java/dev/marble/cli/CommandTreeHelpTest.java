package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.marble.config.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Walks the whole command tree: every command and subcommand answers {@code --help}, {@code -h} and
 * {@code marble help …} alike, within 80 columns, with a summary, at least one example that parses as a marble
 * command line, and the exit codes of {@link ExitCode}. A command added later is walked too.
 */
class CommandTreeHelpTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
    }

    private static CommandLine tree() {
        OutputStream nowhere = OutputStream.nullOutputStream();
        return MarbleCli.commandLine(new CliContext(
                new Environment(Map.of(), Path.of("."), Path.of(".")),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(nowhere),
                new PrintStream(nowhere),
                false,
                false));
    }

    /** Every command's words after "marble": [], [pipe], …, [chain, start], … */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(tree(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, into);
        });
    }

    private static String[] args(List<String> path, String... more) {
        return Stream.concat(path.stream(), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void theTreeHasEveryCommandTheIssueNames() {
        assertThat(commandPaths())
                .contains(
                        List.of("pipe"),
                        List.of("run"),
                        List.of("chain", "start"),
                        List.of("chain", "log"),
                        List.of("models", "pull"),
                        List.of("completion"),
                        List.of("help"));
    }

    @Test
    void everyCommandAnswersHelpDashHAndMarbleHelpTheSameWay() {
        for (List<String> path : commandPaths()) {
            var help = cli.run(args(path, "--help"));
            String qualified = String.join(
                    " ", Stream.concat(Stream.of("marble"), path.stream()).toList());
            assertThat(help.exit()).as(qualified + " --help: " + help.err()).isZero();
            assertThat(help.err()).as(qualified).isEmpty();
            assertThat(help.out()).as(qualified).startsWith("Usage: " + qualified + " ");
            assertThat(cli.run(args(path, "-h")).out()).as(qualified + " -h").isEqualTo(help.out());
            var viaHelp = cli.run(args(List.of("help"), path.toArray(String[]::new)));
            assertThat(viaHelp.exit()).as("marble help " + path).isZero();
            assertThat(viaHelp.out()).as("marble help " + path).isEqualTo(help.out());
        }
    }

    @Test
    void everyHelpFitsEightyColumnsAndHasASummaryExamplesAndTheExitCodes() {
        for (List<String> path : commandPaths()) {
            String help = cli.run(args(path, "--help")).out();
            String name = "marble " + String.join(" ", path);
            assertThat(help.lines())
                    .as(name)
                    .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
            assertThat(help.lines().skip(1).findFirst().orElse(""))
                    .as(name + ": the summary")
                    .isNotBlank();
            assertThat(help)
                    .as(name)
                    .containsPattern("\nExamples:\n  [^\\n]*marble ")
                    .contains("\nExit codes:\n");
            for (ExitCode exit : ExitCode.values()) {
                assertThat(help)
                        .as(name)
                        .containsPattern("(?m)^ +" + exit.code() + " +"
                                + Pattern.quote(exit.meaning().substring(0, 20)));
            }
        }
    }

    @Test
    void everyExampleParsesAsAMarbleCommandLine() {
        List<String> checked = new ArrayList<>();
        for (List<String> path : commandPaths()) {
            CommandSpec spec = commandAt(tree(), path).getCommandSpec();
            List<String> examples = HelpLayout.examples(spec);
            assertThat(examples)
                    .as("marble " + String.join(" ", path) + " has an example")
                    .isNotEmpty();
            assertThat(spec.usageMessage().footer())
                    .as("an example is never wrapped: each fits a line")
                    .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(HelpLayout.WIDTH));
            assertThat(examples.size())
                    .as("2-4 examples, or 1 for a command as simple as help")
                    .isLessThanOrEqualTo(4);
            for (String example : examples) {
                List<String> words = ShellWords.split(example);
                assertThat(words.getFirst()).as(example).isEqualTo("marble");
                assertThatCode(() ->
                                tree().parseArgs(words.subList(1, words.size()).toArray(String[]::new)))
                        .as(example)
                        .doesNotThrowAnyException();
                checked.add(example);
            }
        }
        assertThat(checked)
                .contains(
                        "source <(marble completion bash)",
                        "marble models pull Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf",
                        "git diff | marble pipe -m sonnet \"Review this diff\"");
    }

    @Test
    void theOfflineExampleOfPipeRunsAsShown() throws IOException {
        Path root = Path.of(System.getProperty("marble.root", ".."))
                .toAbsolutePath()
                .normalize();
        Files.createDirectories(cli.project().resolve("examples/hello"));
        Files.copy(root.resolve("examples/hello/replies.yaml"), cli.project().resolve("examples/hello/replies.yaml"));
        var result = cli.run("pipe", "--json", "-m", "scripted:examples/hello/replies.yaml", "Say hello");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("Hello from Marble!");
    }

    @Test
    void theRootHelpListsEachCommandOnOneLine() {
        String help = cli.run("--help").out();
        String commands = help.substring(help.indexOf("\nCommands:\n"), help.indexOf("\nExamples:\n"));
        assertThat(commands.lines().skip(2).filter(line -> !line.isBlank()))
                .as("no summary wraps onto a second line")
                .allSatisfy(line -> assertThat(line).matches("  [a-z]+ +\\S.*"));
    }

    @Test
    void versionAndDashCapitalVPrintTheSameLine() {
        var version = cli.run("version");
        assertThat(version.out())
                .startsWith("marble ")
                .isEqualTo(cli.run("-V").out())
                .isEqualTo(cli.run("--version").out());
    }

    @Test
    void aMistypedCommandOrOptionSuggestsTheNearestAndPointsAtHelpThatWorks() {
        var command = cli.run("chian");
        assertThat(command.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(command.err())
                .isEqualTo("marble: unknown command 'chian'; did you mean 'chain'? (see 'marble --help')\n");
        var sub = cli.run("chain", "strat", "nightly");
        assertThat(sub.err()).contains("unknown command 'strat'; did you mean 'start'? (see 'marble chain --help')");
        var option = cli.run("pipe", "--modle", "opus", "hi");
        assertThat(option.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(option.err())
                .contains("unknown option '--modle'; did you mean '--model'? (see 'marble pipe --help')");
        var helpOf = cli.run("help", "chain", "strat");
        assertThat(helpOf.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(helpOf.err()).contains("'marble chain' has no command 'strat'; did you mean 'start'?");
        var farOff = cli.run("xyzzy");
        assertThat(farOff.err()).isEqualTo("marble: unknown command 'xyzzy' (see 'marble --help')\n");
    }

    @Test
    void everyErrorThatPointsAtHelpPointsAtHelpThatWorks() {
        for (String[] wrong : List.of(
                new String[] {"run"},
                new String[] {"chain", "start"},
                new String[] {"pipe", "--nope"},
                new String[] {"chain", "log", "c", "x"},
                new String[] {"models", "pull"},
                new String[] {"completion", "tcsh"})) {
            var result = cli.run(wrong);
            assertThat(result.exit()).as(String.join(" ", wrong)).isEqualTo(ExitCode.USAGE.code());
            var pointer = Pattern.compile("see '(marble[^']*) --help'").matcher(result.err());
            assertThat(pointer.find()).as(result.err()).isTrue();
            String[] helpArgs = (pointer.group(1).substring("marble".length()).strip() + " --help")
                    .strip()
                    .split(" ");
            assertThat(cli.run(helpArgs).exit())
                    .as(pointer.group(1) + " --help")
                    .isZero();
        }
    }

    private static CommandLine commandAt(CommandLine root, List<String> path) {
        CommandLine command = root;
        for (String name : path) command = command.getSubcommands().get(name);
        return command;
    }
}
