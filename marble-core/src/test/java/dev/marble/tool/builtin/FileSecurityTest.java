package dev.marble.tool.builtin;

import static dev.marble.tool.TestContext.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile model's file tool calls against a real workspace with real links, passed through the approval
 * gate as a run passes them: it may not change the files that configure Marble (not even under
 * --approve-all), nor get past a path rule by spelling a path through a link, nor see through a link
 * out of the workspace.
 */
class FileSecurityTest {

    /** The files a fresh workspace holds, each with this content, which no refused call may change. */
    private static final List<String> PROTECTED =
            List.of("marble.json", ".marble/x", "chains/c.json", "a.worker", "prog.toml", ".env", ".mcp.json");

    private static final String ORIGINAL = "original\n";

    @TempDir
    Path temp;

    Path root;
    Path outside;

    private final Tool write = new WriteFileTool();
    private final Tool edit = new EditFileTool();
    private final Tool delete = new DeletePathTool();
    private final Tool mkdir = new MakeDirectoryTool();
    private final Tool list = new ListDirectoryTool();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("w"));
        outside = Files.createDirectories(temp.resolve("outside"));
        for (String file : PROTECTED) put(file, ORIGINAL);
        Files.createDirectories(root.resolve("docs"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("."));
        Files.createSymbolicLink(root.resolve("docs/up"), Path.of(".."));
    }

    // --- the gate as a run passes it ---------------------------------------------------------------------------

    private static ApprovalGate gate(Approver approver, String... rules) {
        List<ApprovalRule> parsed = new ArrayList<>();
        for (String rule : rules) {
            int space = rule.indexOf(' ');
            parsed.add(ApprovalRule.parse(Decision.valueOf(rule.substring(0, space)), rule.substring(space + 1), null));
        }
        return new ApprovalGate(new ApprovalPolicy(parsed, false), approver);
    }

    private static ApprovalGate approveAll(String... rules) {
        return gate(Approver.approveAll(), rules);
    }

    /** Asks the gate, then runs the call if it may: what the model sees. */
    private ToolResult attempt(ApprovalGate gate, Path workspace, Tool tool, Object... arguments) throws Exception {
        var call = args(arguments);
        ApprovalGate.Verdict verdict = gate.check(tool, "files", call, "run-test", workspace, reason -> {});
        if (!verdict.allowed()) return ToolResult.error("not run: " + verdict.reason());
        return tool.call(call, TestContext.in(workspace));
    }

    private ToolResult attempt(ApprovalGate gate, Tool tool, Object... arguments) throws Exception {
        return attempt(gate, root, tool, arguments);
    }

    private void put(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private String read(String file) throws IOException {
        return Files.readString(root.resolve(file));
    }

    private static void assertProtected(ToolResult result, String path) {
        assertThat(result.isError()).as(result.content()).isTrue();
        assertThat(result.content())
                .startsWith("not run: protected: '" + path + "' is ")
                .contains("not even with --approve-all");
    }

    // --- the files that configure Marble ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"marble.json", ".marble/x", "chains/c.json", "a.worker", "prog.toml", ".env", ".mcp.json"})
    void underApproveAllNoFileToolChangesAFileThatConfiguresMarble(String file) throws Exception {
        ApprovalGate gate = approveAll();

        assertProtected(
                attempt(gate, write, "path", file, "content", "{\"approvals\":{\"allow\":[\"run_command\"]}}"), file);
        assertProtected(attempt(gate, edit, "path", file, "old_string", "original", "new_string", "run_command"), file);
        assertProtected(attempt(gate, delete, "path", file), file);
        assertThat(read(file)).isEqualTo(ORIGINAL);
        assertProtected(attempt(gate, mkdir, "path", file), file);
    }

    @Test
    void norCreatesOneAnywhereInTheWorkspace() throws Exception {
        ApprovalGate gate = approveAll();

        for (String file : List.of(
                "sub/marble.json",
                ".env.local",
                "agents/helper.worker",
                "tools/mcp.json",
                "servers.mcp.json",
                ".marble/new/deep.txt",
                ".claude/settings.local.json",
                "MARBLE.JSON")) {
            assertThat(attempt(gate, write, "path", file, "content", "x").content())
                    .as(file)
                    .startsWith("not run: protected");
            assertThat(root.resolve(file)).as(file).doesNotExist();
        }
        assertProtected(attempt(gate, mkdir, "path", ".marble/tools"), ".marble/tools");
        assertThat(root.resolve(".marble/tools")).doesNotExist();
    }

    @Test
    void aDeleteThatWouldTakeAProtectedFileWithItIsRefused() throws Exception {
        put("notes/marble.json", ORIGINAL);
        ApprovalGate gate = approveAll();

        assertProtected(attempt(gate, delete, "path", "chains", "recursive", true), "chains/c.json");
        assertProtected(attempt(gate, delete, "path", "notes", "recursive", true), "notes/marble.json");
        assertProtected(attempt(gate, delete, "path", ".marble", "recursive", true), ".marble");
        assertThat(read("chains/c.json")).isEqualTo(ORIGINAL);
        assertThat(read("notes/marble.json")).isEqualTo(ORIGINAL);
        assertThat(read(".marble/x")).isEqualTo(ORIGINAL);
    }

    @Test
    void ordinaryFilesAreWrittenAsBefore() throws Exception {
        ApprovalGate gate = approveAll();

        assertThat(attempt(gate, write, "path", "docs/notes.md", "content", "x").isError())
                .isFalse();
        assertThat(attempt(gate, write, "path", "chains/readme.md", "content", "x")
                        .isError())
                .isFalse();
        assertThat(attempt(gate, write, "path", "prompts/idea.txt", "content", "x")
                        .isError())
                .as("prompts/ is a chain's only beside chains/, and chains/ is here")
                .isTrue();
        assertThat(attempt(gate, write, "path", "docs/prompts/idea.txt", "content", "x")
                        .isError())
                .as("docs/ has no chains/")
                .isFalse();
        assertThat(attempt(gate, delete, "path", "docs/notes.md").isError()).isFalse();
    }

    // --- links: the real path decides ---------------------------------------------------------------------------

    @Test
    void protectionHoldsThroughSelfAndUpLinks() throws Exception {
        ApprovalGate gate = approveAll();

        assertProtected(attempt(gate, write, "path", "self/marble.json", "content", "{}"), "marble.json");
        assertProtected(attempt(gate, write, "path", "docs/up/marble.json", "content", "{}"), "marble.json");
        assertProtected(
                attempt(gate, edit, "path", "self/self/.env", "old_string", "original", "new_string", "KEY=1"), ".env");
        assertProtected(attempt(gate, delete, "path", "docs/up/chains/c.json"), "chains/c.json");
        assertProtected(attempt(gate, write, "path", "docs/up/.marble/x", "content", "{}"), ".marble/x");
        for (String file : PROTECTED) assertThat(read(file)).as(file).isEqualTo(ORIGINAL);
    }

    @Test
    void aLinkThatPointsAtAProtectedFileIsWrittenThroughNeverButMayItselfBeDeleted() throws Exception {
        Files.createSymbolicLink(root.resolve("settings.txt"), Path.of("marble.json"));
        ApprovalGate gate = approveAll();

        assertProtected(attempt(gate, write, "path", "settings.txt", "content", "{}"), "marble.json");
        assertThat(attempt(gate, delete, "path", "settings.txt").content())
                .isEqualTo("Deleted the symbolic link 'settings.txt'.");
        assertThat(read("marble.json")).isEqualTo(ORIGINAL);
    }

    @Test
    void aWorkspaceGivenThroughALinkIsProtectedUnderItsRealSpellingToo() throws Exception {
        Path linked = Files.createSymbolicLink(temp.resolve("linked-w"), root);
        ApprovalGate gate = approveAll("DENY write_file(secrets/*)");

        assertProtected(
                attempt(gate, linked, write, "path", root.resolve("marble.json").toString(), "content", "{}"),
                "marble.json");
        assertProtected(
                attempt(
                        gate,
                        linked,
                        write,
                        "path",
                        linked.resolve("marble.json").toString(),
                        "content",
                        "{}"),
                "marble.json");
        // The real-path spelling of a workspace given through a link was an absolute subject no rule matched.
        assertThat(attempt(
                                gate,
                                linked,
                                write,
                                "path",
                                root.resolve("secrets/k.txt").toString(),
                                "content",
                                "x")
                        .content())
                .isEqualTo("not run: denied by rule 'write_file(secrets/*)'");
        assertThat(root.resolve("secrets/k.txt")).doesNotExist();
        assertThat(read("marble.json")).isEqualTo(ORIGINAL);
    }

    @Test
    void aDenyRuleHoldsHoweverALinkSpellsThePath() throws Exception {
        ApprovalGate gate = approveAll("DENY write_file(.env*)", "DENY write_file(secrets/*)");

        for (String path : List.of(
                "self/.env.production",
                "docs/up/.env",
                "docs/up/secrets/k.txt",
                "self/docs/up/secrets/k.txt",
                root.resolve("docs/up/secrets/k.txt").toString())) {
            assertThat(attempt(gate, write, "path", path, "content", "x").content())
                    .as(path)
                    .startsWith("not run: denied by rule 'write_file(");
        }
        assertThat(root.resolve(".env.production")).doesNotExist();
        assertThat(root.resolve("secrets")).doesNotExist();
        assertThat(read(".env")).isEqualTo(ORIGINAL);
    }

    @Test
    void anAllowRuleReachesNoFurtherThanItsRealPath() throws Exception {
        // Only what a rule allows runs: nobody is there to ask.
        ApprovalGate gate = gate(Approver.refuseAll("nobody to ask"), "ALLOW write_file(docs/*)");

        assertThat(attempt(gate, write, "path", "docs/a.md", "content", "x").isError())
                .isFalse();
        assertThat(attempt(gate, write, "path", "docs/up/marble.json", "content", "{}")
                        .content())
                .startsWith("not run: protected: 'marble.json'");
        assertThat(attempt(gate, write, "path", "docs/up/notes.txt", "content", "x")
                        .content())
                .isEqualTo("not run: denied: nobody to ask (asked because write_file needs approval by default)");
        assertThat(root.resolve("notes.txt")).doesNotExist();
        assertThat(read("marble.json")).isEqualTo(ORIGINAL);
    }

    // --- git's own files ----------------------------------------------------------------------------------------

    /**
     * A repository in the workspace with a nested one and a submodule's folder, and a worktree-style {@code .git}
     * pointer in {@code linked/}: each file here, planted with {@code core.fsmonitor}, would run at the person's next
     * {@code git status}.
     */
    private void gitFiles() throws IOException {
        put(".git/config", ORIGINAL);
        put(".git/HEAD", ORIGINAL);
        put(".git/hooks/pre-commit.sample", ORIGINAL);
        put(".git/modules/sub/config", ORIGINAL);
        put("vendor/lib/.git/config", ORIGINAL);
        put("linked/.git", ORIGINAL);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ".git/config",
                ".git/hooks/pre-commit",
                ".git/hooks/pre-commit.sample",
                ".git/modules/sub/config",
                ".git/info/attributes",
                "vendor/lib/.git/config",
                "linked/.git",
                "./.git/config",
                "docs/../.git/config",
                "self/.git/config",
                "docs/up/.git/modules/sub/config",
                ".GIT/config",
                ".Git/hooks/post-checkout",
                "GIT~1/config",
                ".git./config",
                ".git /config",
                ".g\u200cit/config",
                "\ufeff.git/config"
            })
    void noFileToolWritesIntoGitsOwnFilesHoweverTheyAreSpelled(String path) throws Exception {
        gitFiles();
        ApprovalGate gate = approveAll();
        String planted = "[core]\n\tfsmonitor = touch ran\n";

        ToolResult written = attempt(gate, write, "path", path, "content", planted);
        assertThat(written.content())
                .as(path)
                .startsWith("not run: protected: '")
                .contains("git");
        assertThat(attempt(gate, edit, "path", path, "old_string", "original", "new_string", planted)
                        .content())
                .as(path)
                .startsWith("not run: protected: '");
        assertThat(attempt(gate, delete, "path", path).content()).as(path).startsWith("not run: protected: '");
        for (String file : List.of(".git/config", ".git/modules/sub/config", "vendor/lib/.git/config", "linked/.git"))
            assertThat(read(file)).as(file).isEqualTo(ORIGINAL);
        assertThat(root.resolve(".git/hooks/pre-commit")).doesNotExist();
    }

    @Test
    void aMonitorPlantedThroughTheFileToolsNeverRunsAtThePersonsGitStatus() throws Exception {
        Path ran = temp.resolve("ran");
        git("init", "-q");
        String config = Files.readString(root.resolve(".git/config"));
        ApprovalGate gate = approveAll();

        attempt(gate, write, "path", ".git/config", "content", config + "[core]\n\tfsmonitor = touch " + ran + "\n");
        attempt(
                gate,
                edit,
                "path",
                ".git/config",
                "old_string",
                "[core]",
                "new_string",
                "[core]\n\tfsmonitor = touch " + ran);
        git("status", "--short");

        assertThat(ran).doesNotExist();
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    @Test
    void aLinkIntoGitsFolderIsNoWayIn() throws Exception {
        gitFiles();
        Files.createSymbolicLink(root.resolve("docs/settings.ini"), Path.of("../.git/config"));
        Files.createSymbolicLink(root.resolve("docs/repo"), Path.of("../.git"));
        ApprovalGate gate = approveAll();

        assertProtected(attempt(gate, write, "path", "docs/settings.ini", "content", "x"), ".git/config");
        assertProtected(attempt(gate, write, "path", "docs/repo/config", "content", "x"), ".git/config");
        assertProtected(
                attempt(gate, write, "path", "docs/repo/hooks/post-commit", "content", "x"), ".git/hooks/post-commit");
        assertThat(read(".git/config")).isEqualTo(ORIGINAL);
        assertThat(attempt(gate, delete, "path", "docs/repo").content())
                .as("the link itself may go: git's folder stays")
                .isEqualTo("Deleted the symbolic link 'docs/repo'.");
        assertThat(read(".git/config")).isEqualTo(ORIGINAL);
    }

    @Test
    void noFileToolMakesADotGitAnywhere() throws Exception {
        ApprovalGate gate = approveAll();

        assertProtected(attempt(gate, write, "path", "sub/.git", "content", "gitdir: ../evil\n"), "sub/.git");
        assertProtected(attempt(gate, mkdir, "path", "sub/.git"), "sub/.git");
        assertProtected(attempt(gate, write, "path", "sub/.git/config", "content", "x"), "sub/.git/config");
        assertProtected(attempt(gate, mkdir, "path", ".git"), ".git");
        assertThat(root.resolve("sub/.git")).doesNotExist();
        assertThat(root.resolve(".git")).doesNotExist();
    }

    @Test
    void aDeleteThatWouldTakeARepositoryWithItIsRefused() throws Exception {
        gitFiles();
        ApprovalGate gate = approveAll();

        assertProtected(attempt(gate, delete, "path", "vendor", "recursive", true), "vendor/lib/.git");
        assertProtected(attempt(gate, delete, "path", "linked", "recursive", true), "linked/.git");
        assertProtected(attempt(gate, delete, "path", ".git", "recursive", true), ".git");
        assertThat(read("vendor/lib/.git/config")).isEqualTo(ORIGINAL);
        assertThat(read("linked/.git")).isEqualTo(ORIGINAL);
    }

    @Test
    void namesThatOnlyLookLikeGitsAreOrdinaryFiles() throws Exception {
        gitFiles();
        ApprovalGate gate = approveAll();

        for (String path : List.of(
                ".gitignore",
                ".gitattributes",
                ".github/workflows/ci.yml",
                "docs/git/notes.md",
                ".gitx/config",
                "a.git/config"))
            assertThat(attempt(gate, write, "path", path, "content", "x").isError())
                    .as(path)
                    .isFalse();
    }

    // --- lifting the protection ---------------------------------------------------------------------------------

    @Test
    void anAllowRuleNamingTheFileLiftsTheProtectionForThatToolAndFile() throws Exception {
        ApprovalGate gate = approveAll("ALLOW write_file(chains/c.json)");

        assertThat(attempt(gate, write, "path", "self/chains/c.json", "content", "{\"links\": []}")
                        .isError())
                .isFalse();
        assertThat(read("chains/c.json")).isEqualTo("{\"links\": []}");
        assertProtected(
                attempt(gate, edit, "path", "chains/c.json", "old_string", "links", "new_string", "x"),
                "chains/c.json");
        assertProtected(attempt(gate, write, "path", "marble.json", "content", "{}"), "marble.json");

        ApprovalGate bothTools = approveAll("ALLOW *_file(marble.json)");
        assertThat(attempt(bothTools, edit, "path", "marble.json", "old_string", "original", "new_string", "{}")
                        .isError())
                .isFalse();
        assertThat(read("marble.json")).isEqualTo("{}\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "write_file",
                "write_file(*)",
                "write_file(chains/*)",
                "write_file(*c.json)",
                "*",
                "edit_file(chains/c.json)"
            })
    void noBroadAllowRuleLiftsItNorOneForAnotherTool(String rule) throws Exception {
        ApprovalGate gate = approveAll("ALLOW " + rule);

        assertProtected(attempt(gate, write, "path", "chains/c.json", "content", "{}"), "chains/c.json");
        assertThat(read("chains/c.json")).isEqualTo(ORIGINAL);
    }

    @Test
    void aDenyRuleStillHoldsForAFileTheProtectionIsLiftedFor() throws Exception {
        ApprovalGate gate = approveAll("ALLOW write_file(marble.json)", "DENY write_file(*.json)");

        assertThat(attempt(gate, write, "path", "marble.json", "content", "{}").content())
                .isEqualTo("not run: denied by rule 'write_file(*.json)'");
    }

    // --- files a running chain registered -----------------------------------------------------------------------

    @Test
    void theFilesOfARunningChainAreProtectedWhileItRuns() throws Exception {
        put("tasks/prompt.md", ORIGINAL);
        ApprovalGate gate = approveAll();

        try (var running = RunningConfiguration.protect(
                List.of(root.resolve("self/tasks/prompt.md")), "a file that configures the running chain 'nightly'")) {
            assertThat(attempt(gate, write, "path", "tasks/prompt.md", "content", "x")
                            .content())
                    .isEqualTo("not run: protected: 'tasks/prompt.md' is a file that configures the running chain"
                            + " 'nightly'; an agent's file tools may not create, change or delete it, not even with"
                            + " --approve-all (to let them, allow it by name: approvals.allow"
                            + " [\"write_file(tasks/prompt.md)\"])");
        }
        assertThat(read("tasks/prompt.md")).isEqualTo(ORIGINAL);
        assertThat(attempt(gate, write, "path", "tasks/prompt.md", "content", "x")
                        .isError())
                .isFalse();
    }

    // --- list_directory and links out ---------------------------------------------------------------------------

    @Test
    void listDirectoryTellsNothingOfWhatALinkOutOfTheWorkspacePointsTo() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "twelve bytes");
        Files.createSymbolicLink(root.resolve("docs/secret"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("docs/elsewhere"), outside);
        Files.createSymbolicLink(root.resolve("docs/gone"), outside.resolve("nothing-here"));
        Files.writeString(root.resolve("docs/inside.txt"), "four");
        Files.createSymbolicLink(root.resolve("docs/alias"), Path.of("inside.txt"));

        String listing = attempt(approveAll(), list, "path", "docs").content();

        assertThat(listing)
                .contains("secret -> " + outside.resolve("secret.txt") + "  (link out of the workspace)")
                .contains("elsewhere -> " + outside + "  (link out of the workspace)")
                .contains("gone -> " + outside.resolve("nothing-here") + "  (link out of the workspace)")
                .contains("alias  (4 bytes) -> inside.txt")
                .doesNotContain("12 bytes")
                .doesNotContain("elsewhere/");
    }
}
