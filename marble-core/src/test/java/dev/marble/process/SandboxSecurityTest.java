package dev.marble.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.config.Setting;
import dev.marble.testkit.Peers;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * run_command in bubblewrap, attacked as a hostile model would: read the user's secrets, write outside the
 * workspace, reach a server on the machine, undo the mounts, leave processes behind. Each attack also runs
 * outside the sandbox, where it succeeds, so that every test shows the sandbox is what stops it.
 *
 * <p>The home directory is under {@code target/}, not {@code /tmp}: the sandbox's /tmp is empty anyway, and a home
 * there would be hidden without the secret paths being hidden at all.
 */
class SandboxSecurityTest {

    private Path root;
    private Path home;
    private Path workspace;
    private Environment environment;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-test-");
        home = Files.createDirectories(root.resolve("home"));
        workspace = Files.createDirectories(root.resolve("projects/app"));
        write(home.resolve(".ssh/id_ed25519"), "CANARY-SSH-KEY");
        write(home.resolve(".aws/credentials"), "CANARY-AWS");
        write(home.resolve(".config/marble/config.json"), "{\"_note\": \"CANARY-MARBLE-CONFIG\"}");
        write(home.resolve(".env"), "CANARY-HOME-ENV");
        write(root.resolve("projects/.env"), "CANARY-PARENT-ENV");
        write(workspace.resolve(".env"), "the workspace's own");
        write(workspace.resolve(".marble/journal.db"), "CANARY-JOURNAL");
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("HOME", home.toString());
        variables.remove("XDG_CONFIG_HOME");
        environment = new Environment(variables, workspace, home);
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }

    private ShellCall sandboxed(NetworkAccess network) {
        Peers.requireThat(
                "bubblewrap",
                SandboxChooser.problem(environment).isEmpty(),
                SandboxChooser.problem(environment).orElse("") + " (CI installs the Debian package bubblewrap)");
        SandboxSettings settings =
                new SandboxSettings(Setting.ofDefault(SandboxMode.BWRAP), Setting.ofDefault(network), List.of());
        Sandbox sandbox = SandboxChooser.choose(settings, environment, workspace.resolve(".marble"), notice -> {});
        assertThat(sandbox).isInstanceOf(Sandbox.Bwrap.class);
        return new ShellCall(workspace, environment, sandbox);
    }

    private ShellCall sandboxed() {
        return sandboxed(NetworkAccess.NONE);
    }

    private ShellCall unsandboxed() {
        return new ShellCall(workspace, environment, new Sandbox.None("the comparison"));
    }

    private static final String READ_SECRETS =
            "for f in ~/.ssh/id_ed25519 ~/.aws/credentials ~/.config/marble/config.json"
                    + " ~/.env ../.env .marble/journal.db; do cat \"$f\"; done; ls -a ~/.ssh; cat .env";

    @Test
    void theUsersSecretsAreHiddenAndTheWorkspaceIsNot() throws Exception {
        assertThat(unsandboxed().run(READ_SECRETS).content())
                .as("outside, every canary is read")
                .contains(
                        "CANARY-SSH-KEY",
                        "CANARY-AWS",
                        "CANARY-MARBLE-CONFIG",
                        "CANARY-HOME-ENV",
                        "CANARY-PARENT-ENV",
                        "CANARY-JOURNAL");

        String inside = sandboxed().run(READ_SECRETS).content();
        assertThat(inside).doesNotContain("CANARY").contains("the workspace's own");
    }

    @Test
    void nothingOutsideTheWorkspaceCanBeWritten() throws Exception {
        String attack = "echo x > ~/planted; echo x > ../planted; echo x > /etc/marble-planted; echo x > inside";
        ToolResult result = sandboxed().run(attack);

        assertThat(result.content()).contains("Read-only file system");
        assertThat(home.resolve("planted")).doesNotExist();
        assertThat(root.resolve("projects/planted")).doesNotExist();
        assertThat(Path.of("/etc/marble-planted")).doesNotExist();
        assertThat(workspace.resolve("inside")).hasContent("x");

        unsandboxed().run("echo x > ../planted");
        assertThat(root.resolve("projects/planted"))
                .as("outside, the same write lands")
                .exists();
    }

    @Test
    void whatGitRunsByItselfLaterCannotBePlantedButCommitsWork() throws Exception {
        unsandboxed().run("git init -q && git -c user.name=t -c user.email=t@t commit -q --allow-empty -m start");
        String config = Files.readString(workspace.resolve(".git/config"));
        String attack = "echo 'touch ~/pwned' > .git/hooks/pre-commit; git config core.fsmonitor 'touch ~/pwned';"
                + " echo work > file.txt && git add file.txt && git -c user.name=t -c user.email=t@t commit -q -m work"
                + " && echo COMMITTED";

        assertThat(sandboxed().run(attack).content()).contains("COMMITTED");
        assertThat(workspace.resolve(".git/hooks/pre-commit")).doesNotExist();
        assertThat(workspace.resolve(".git/config")).hasContent(config.strip());

        unsandboxed().run("echo 'touch ~/pwned' > .git/hooks/pre-commit");
        assertThat(workspace.resolve(".git/hooks/pre-commit"))
                .as("outside, the hook is planted")
                .exists();
    }

    /** A git folder of the command's making beside {@code .git}, whose config runs {@code touch ~/pwned}. */
    private static final String PLANT = "mkdir -p planted && cp -r $(git rev-parse --git-dir)/objects"
            + " $(git rev-parse --git-dir)/refs $(git rev-parse --git-dir)/HEAD planted/;"
            + " printf '[core]\\n\\trepositoryformatversion = 0\\n\\tbare = false\\n\\tfsmonitor = touch ~/pwned; false\\n'"
            + " > planted/config; ";

    private static final String COMMIT = "git -c user.name=t -c user.email=t@t commit -q --allow-empty -m start";

    /** The user's next git status, outside the sandbox: what a planted setting waits for. */
    private Path afterTheUsersGitStatus() throws Exception {
        unsandboxed().run("git status --short");
        return home.resolve("pwned");
    }

    @Test
    void theGitFolderCannotBeMovedAwayAndReplacedByOneOfTheCommands() throws Exception {
        unsandboxed().run("git init -q && " + COMMIT);
        String attack = PLANT + "mv .git moved && mv planted .git && echo REPLACED";

        assertThat(sandboxed().run(attack).content()).doesNotContain("REPLACED");
        assertThat(afterTheUsersGitStatus()).doesNotExist();

        assertThat(unsandboxed().run(attack).content())
                .as("outside, the folder is replaced")
                .contains("REPLACED");
        assertThat(afterTheUsersGitStatus())
                .as("and the user's git runs its config")
                .exists();
    }

    @Test
    void aGitPointerFileCannotBeRewrittenNorReplaced() throws Exception {
        unsandboxed().run("git init -q --separate-git-dir=" + root.resolve("separate.git") + " && " + COMMIT);
        String pointer = Files.readString(workspace.resolve(".git"));
        String attack = PLANT + "printf 'gitdir: planted\\n' > .git && echo REWRITTEN;"
                + " rm -f .git && mkdir .git && echo REPLACED; mv .git moved && echo MOVED";

        assertThat(sandboxed().run(attack).content())
                .doesNotContain("REWRITTEN")
                .doesNotContain("REPLACED")
                .doesNotContain("MOVED");
        assertThat(workspace.resolve(".git")).hasContent(pointer.strip());
        assertThat(afterTheUsersGitStatus()).doesNotExist();

        assertThat(unsandboxed()
                        .run(PLANT + "printf 'gitdir: planted\\n' > .git && echo REWRITTEN")
                        .content())
                .as("outside, the pointer is rewritten")
                .contains("REWRITTEN");
        assertThat(afterTheUsersGitStatus())
                .as("and the user's git runs the config it leads to")
                .exists();
    }

    @Test
    void theFoldersOfSubmodulesAndWorktreesKeepTheirConfigurationToo() throws Exception {
        unsandboxed()
                .run("git init -q && " + COMMIT + " && git init -q --bare .git/modules/lib/sub"
                        + " && git worktree add -q --detach ../other");
        Path sub = workspace.resolve(".git/modules/lib/sub/config");
        Path commondir = workspace.resolve(".git/worktrees/other/commondir");
        String subConfig = Files.readString(sub);
        String common = Files.readString(commondir);
        String attack = "echo '[core] fsmonitor = touch ~/pwned' >> .git/modules/lib/sub/config;"
                + " echo /elsewhere > .git/worktrees/other/commondir;"
                + " mv .git/modules/lib/sub .git/modules/lib/old; mv .git/modules/lib .git/modules/old;"
                + " mv .git/modules .git/old-modules; mv .git/worktrees .git/old-worktrees; echo DONE";

        assertThat(sandboxed().run(attack).content()).contains("DONE");
        assertThat(sub).hasContent(subConfig.strip());
        assertThat(commondir).hasContent(common.strip());

        unsandboxed().run(attack);
        assertThat(workspace.resolve(".git/old-modules/old/old/config"))
                .as("outside, the submodule's config is written and moved")
                .content()
                .contains("fsmonitor");
    }

    @Test
    void whatACommandAddsForGitToObeyIsGoneOnceItEnds() throws Exception {
        unsandboxed().run("git init -q && " + COMMIT);
        String attack = PLANT + "echo ../planted > .git/commondir && mkdir -p .git/modules/new/hooks"
                + " && cp planted/config planted/HEAD .git/modules/new/ && echo PLANTED";

        assertThat(sandboxed().run(attack).content()).contains("PLANTED");
        assertThat(workspace.resolve(".git/commondir")).doesNotExist();
        assertThat(workspace.resolve(".git/modules/new/config")).doesNotExist();
        assertThat(workspace.resolve(".git/modules/new/hooks")).doesNotExist();
        assertThat(afterTheUsersGitStatus()).doesNotExist();

        unsandboxed().run(attack);
        assertThat(afterTheUsersGitStatus())
                .as("outside, the commondir leads git to the planted config")
                .exists();
    }

    @Test
    void aRepositoryTheCommandMakesIsItsOwnAndKeepsItsConfiguration() throws Exception {

        assertThat(sandboxed()
                        .run("git init -q && git config user.name sandboxed && echo MADE")
                        .content())
                .contains("MADE");
        assertThat(workspace.resolve(".git/config")).content().contains("sandboxed");
        assertThat(sandboxed()
                        .run(COMMIT + " && git worktree add -q --detach wt && git -C wt status --short"
                                + " && echo WORKTREE")
                        .content())
                .contains("WORKTREE");
        assertThat(workspace.resolve(".git/worktrees/wt/commondir"))
                .as("a worktree's own commondir leads back to the repository's config: it stays")
                .exists();
    }

    @Test
    void tmpIsPrivate() throws Exception {
        String name = "marble-sandbox-" + Processes.uniqueSleep();
        assertThat(sandboxed()
                        .run("echo x > /tmp/" + name + " && cat /tmp/" + name)
                        .content())
                .contains("stdout:\nx");
        assertThat(Path.of("/tmp", name)).doesNotExist();
    }

    @Test
    void theMountsCannotBeUndoneFromInside() throws Exception {
        String attack = "umount ~/.ssh; umount /; mount -o remount,rw /; cat ~/.ssh/id_ed25519; echo x > ~/planted";
        assertThat(sandboxed().run(attack).content()).doesNotContain("CANARY");
        assertThat(home.resolve("planted")).doesNotExist();
    }

    @Test
    void withNetworkNoneAServerOnTheMachinesLoopbackCannotBeReached() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> answer(server));
            String connect = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo CONNECTED'";

            assertThat(unsandboxed().run(connect).content()).as("outside").contains("CONNECTED");
            assertThat(sandboxed(NetworkAccess.NONE).run(connect).content()).doesNotContain("CONNECTED");
            assertThat(sandboxed(NetworkAccess.LOOPBACK).run(connect).content()).doesNotContain("CONNECTED");
            assertThat(sandboxed(NetworkAccess.FULL).run(connect).content())
                    .as("network full")
                    .contains("CONNECTED");
        }
    }

    @Test
    void aServerTheCommandStartsItselfCanBeReachedOnItsOwnLoopback() throws Exception {
        String selfServe = "python3 -m http.server 18765 --bind 127.0.0.1 >/dev/null 2>&1 & sleep 1;"
                + " bash -c 'exec 3<>/dev/tcp/127.0.0.1/18765 && echo CONNECTED'";
        assertThat(sandboxed(NetworkAccess.LOOPBACK).run(selfServe).content()).contains("CONNECTED");
    }

    @Test
    void nothingTheCommandStartsOutlivesTheTimeLimit() throws Exception {
        String sleep = Processes.uniqueSleep();
        String attack = "(sleep " + sleep + " &); setsid nohup sleep " + sleep + " >/dev/null 2>&1 &"
                + " trap '' TERM; sleep " + sleep;
        CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(() -> {
            try {
                return sandboxed().run(attack, 2);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        List<Long> sleeps = Processes.awaitStarted(sleep, 3);
        ToolResult result = call.get(30, TimeUnit.SECONDS);

        Processes.assertAllGone(sleeps);
        assertThat(result.content()).startsWith("Timed out after 2 s: killed the command and 3 processes it started.");
    }

    @Test
    void nothingTheCommandStartsOutlivesTheCommand() throws Exception {
        String sleep = Processes.uniqueSleep();
        CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(() -> {
            try {
                return sandboxed()
                        .run("(sleep " + sleep + " &); setsid nohup sleep " + sleep + " >/dev/null 2>&1 &"
                                + " while [ ! -e go ]; do sleep 0.05; done");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        List<Long> sleeps = Processes.awaitStarted(sleep, 2);
        Files.writeString(workspace.resolve("go"), "");
        assertThat(call.get(30, TimeUnit.SECONDS).content()).startsWith("Exit code: 0");

        Processes.assertAllGone(sleeps);
    }

    private static void answer(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept();
                    OutputStream out = socket.getOutputStream()) {
                out.write("hello\n".getBytes());
            } catch (IOException e) {
                return;
            }
        }
    }
}
