package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The tree picocli gets: the path the arguments name and nothing beside it, else every command, so that help and
 * errors are unchanged.
 */
class CommandTreeTest {

    @TempDir
    Path temp;

    private CommandLine tree(String... args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CliContext context = new CliContext(
                new Environment(Map.of(), temp, temp),
                new ByteArrayInputStream(new byte[0]),
                nowhere,
                nowhere,
                false,
                false);
        return CommandTree.forArguments(new MarbleCli.CommandFactory(context), List.of(args));
    }

    @Test
    void everyBranchIsNamedAsItsCommandNamesItself() {
        assertNamesMatch(CommandTree.MARBLE);
    }

    private static void assertNamesMatch(CommandTree.Branch branch) {
        branch.subcommands().forEach((name, sub) -> {
            assertThat(sub.command().getAnnotation(CommandLine.Command.class).name())
                    .as(sub.command().getName())
                    .isEqualTo(name);
            assertNamesMatch(sub);
        });
    }

    @Test
    void aNamedCommandIsBuiltAloneAlongItsPath() {
        CommandLine line = tree("--debug", "chain", "status", "review-loop");
        assertThat(line.getSubcommands()).containsOnlyKeys("chain");
        assertThat(line.getSubcommands().get("chain").getSubcommands()).containsOnlyKeys("status");
        assertThat(tree("pipe", "-m", "sonnet", "chain").getSubcommands()).containsOnlyKeys("pipe");
        assertThat(tree("pipe").getSubcommands().get("pipe").getSubcommands()).isEmpty();
    }

    /** marble config lists the settings itself: without a subcommand named, it needs none of them. */
    @Test
    void aCommandThatRunsAloneGetsItsSubcommandsOnlyWhenOneIsNamedOrHelpAsked() throws IOException {
        assertThat(tree("config").getSubcommands().get("config").getSubcommands())
                .isEmpty();
        assertThat(tree("config", "--json").getSubcommands().get("config").getSubcommands())
                .isEmpty();
        assertThat(tree("config", "get", "retry").getSubcommands().get("config").getSubcommands())
                .containsOnlyKeys("get");
        assertThat(tree("config", "--help").getSubcommands().get("config").getSubcommands())
                .containsOnlyKeys("get", "set", "unset");
        assertThat(tree("config", "gte").getSubcommands().get("config").getSubcommands())
                .containsOnlyKeys("get", "set", "unset");
        // A group that prints its usage when alone still lists its subcommands.
        assertThat(tree("chain").getSubcommands().get("chain").getSubcommands()).containsKeys("start", "status");
        CliRunner cli = new CliRunner(temp);
        assertThat(cli.run("config").exit()).isZero();
        assertThat(cli.run("config", "--help").out()).contains("get").contains("unset");
    }

    @Test
    void theVersionAloneNeedsNoCommand() throws IOException {
        assertThat(tree("--version").getSubcommands()).isEmpty();
        assertThat(tree("--debug", "-V").getSubcommands()).isEmpty();
        CliRunner cli = new CliRunner(temp);
        assertThat(cli.run("--version").out()).startsWith("marble ").contains("(Java ");
        assertThat(cli.run("--version", "pipe").exit()).isZero();
    }

    @Test
    void withoutACommandNamedEveryCommandIsThere() {
        for (String[] args : List.of(
                new String[0],
                new String[] {"--help"},
                new String[] {"-h", "pipe"},
                new String[] {"pip", "hello"},
                new String[] {"--version", "pipe"},
                new String[] {"--debug"})) {
            CommandLine line = tree(args);
            assertThat(line.getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactlyElementsOf(CommandTree.MARBLE.subcommands().keySet());
            assertThat(line.getSubcommands().get("chain").getSubcommands()).hasSize(8);
        }
        assertThat(tree("chain", "--help").getSubcommands().get("chain").getSubcommands())
                .hasSize(8);
        assertThat(tree("chain", "stat").getSubcommands().get("chain").getSubcommands())
                .hasSize(8);
    }

    @Test
    void helpListsEveryCommandAndAMisspeltOneIsAUsageError() throws IOException {
        CliRunner cli = new CliRunner(temp);
        assertThat(cli.run("--help").out())
                .contains("pipe", "loop", "run", "chat", "chain", "tools", "models", "config", "logs", "version");
        assertThat(cli.run("chain").out()).contains("start", "status", "stop", "log", "reset", "list", "create");
        CliRunner.Result misspelt = cli.run("chain", "stauts");
        assertThat(misspelt.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspelt.err())
                .isEqualTo("marble: unknown command 'stauts'; did you mean 'status'? (see 'marble chain --help')\n");
    }

    /** help and completion read every command when they run; they get the whole tree whatever follows them. */
    @Test
    void helpAndCompletionGetEveryCommand() {
        for (String[] args :
                List.of(new String[] {"help", "chain", "start"}, new String[] {"--debug", "help"}, new String[] {
                    "completion", "bash"
                })) {
            CommandLine line = tree(args);
            assertThat(line.getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactlyElementsOf(CommandTree.MARBLE.subcommands().keySet());
            assertThat(line.getSubcommands().get("config").getSubcommands()).containsOnlyKeys("get", "set", "unset");
        }
    }

    @Test
    void everyCommandIsReachableAlongItsPath() {
        assertThat(tree("config", "set", "default_model", "sonnet")
                        .getSubcommands()
                        .get("config")
                        .getSubcommands())
                .containsOnlyKeys("set");
        assertThat(tree("models", "pull", "a/b/c.gguf")
                        .getSubcommands()
                        .get("models")
                        .getSubcommands())
                .containsOnlyKeys("pull");
        assertThat(tree("--no-color", "doctor").getSubcommands()).containsOnlyKeys("doctor");
        assertThat(tree("version").getSubcommands()).containsOnlyKeys("version");
    }

    @Test
    void theDebugOptionReachesANamedSubcommand() throws IOException {
        CliRunner cli = new CliRunner(temp);
        CliRunner.Result failed = cli.run("--debug", "chain", "status", "..");
        assertThat(failed.exit()).as(failed.err()).isNotZero();
        assertThat(cli.run("chain", "status", "--debug").exit()).isZero();
    }
}
