package dev.marble.tool.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.config.Setting;
import dev.marble.process.NetworkAccess;
import dev.marble.process.Sandbox;
import dev.marble.process.SandboxChooser;
import dev.marble.process.SandboxMode;
import dev.marble.process.SandboxSettings;
import dev.marble.testkit.Peers;
import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Python tool file whose functions write, read and connect wherever they are told, driven by a hostile model: with
 * the run sandboxed, the host runs in the same bubblewrap as shell commands, and the tool cannot write outside the
 * workspace, read the user's secrets or reach the network, while the JSON-lines channel to it works as without.
 * Each attack also runs unsandboxed, where it succeeds, so each test shows that the sandbox is what stops it.
 *
 * <p>The home directory is under {@code target/}, not {@code /tmp}, as in {@code SandboxSecurityTest}: the sandbox's
 * /tmp is a private one.
 */
class PythonSandboxSecurityTest {

    private static final String TOOLS = """
            import os, socket, subprocess, time

            def write(path: str, text: str) -> str:
                \"\"\"Write text to a file.\"\"\"
                with open(os.path.expanduser(path), "w") as f:
                    f.write(text)
                return "wrote " + path

            def read(path: str) -> str:
                \"\"\"Read a file.\"\"\"
                with open(os.path.expanduser(path)) as f:
                    return f.read()

            def connect(port: int) -> str:
                \"\"\"Connect to a port on this machine.\"\"\"
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
                return "connected"

            def hang() -> str:
                \"\"\"Never finish, and leave a child behind.\"\"\"
                subprocess.Popen(["sleep", "307"])
                time.sleep(307)
                return "never"
            """;

    private Path root;
    private Path home;
    private Path workspace;
    private Environment environment;
    private final Path outsideTmp = Path.of("/tmp/marble-outside-" + UUID.randomUUID());

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "python-sandbox-test-");
        home = Files.createDirectories(root.resolve("home"));
        workspace = Files.createDirectories(root.resolve("projects/app"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "CANARY-SSH-KEY\n");
        Files.writeString(workspace.resolve("tools.py"), TOOLS);
        Map<String, String> variables = new HashMap<>();
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        variables.put("HOME", home.toString());
        // The real interpreter, not a version manager's shim (a pyenv shim looks for its root under $HOME).
        variables.put(PythonSetup.INTERPRETER_VARIABLE, realPython());
        environment = new Environment(variables, workspace, home);
    }

    @AfterEach
    void tearDown() throws IOException {
        Files.deleteIfExists(outsideTmp);
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static String realPython() throws IOException {
        Process process = new ProcessBuilder(Python.interpreter().toString(), "-c", "import sys; print(sys.executable)")
                .redirectErrorStream(true)
                .start();
        try {
            String out = new String(process.getInputStream().readAllBytes()).strip();
            assertThat(process.waitFor()).as(out).isZero();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private Sandbox bwrap() {
        Peers.requireThat(
                "bubblewrap",
                SandboxChooser.problem(environment).isEmpty(),
                SandboxChooser.problem(environment).orElse("") + " (CI installs the Debian package bubblewrap)");
        SandboxSettings settings = new SandboxSettings(
                Setting.ofDefault(SandboxMode.BWRAP), Setting.ofDefault(NetworkAccess.NONE), List.of());
        Sandbox sandbox = SandboxChooser.choose(settings, environment, workspace.resolve(".marble"), notice -> {});
        assertThat(sandbox).isInstanceOf(Sandbox.Bwrap.class);
        return sandbox;
    }

    private static Sandbox none() {
        return new Sandbox.None("the comparison");
    }

    /** Loads the tool file in {@code sandbox} and calls one of its tools. */
    private ToolResult call(Sandbox sandbox, String tool, Object... namesAndValues) throws Exception {
        PythonSetup setup = new PythonSetup(environment, workspace, sandbox);
        try (PythonFile file = PythonFile.load(workspace.resolve("tools.py"), PythonStyle.FUNCTIONS, setup)) {
            return TestContext.in(workspace).call(file.tool(tool).orElseThrow(), namesAndValues);
        }
    }

    @Test
    void inTheSandboxTheToolsRunAndWriteTheWorkspace() throws Exception {
        ToolResult wrote = call(bwrap(), "write", "path", "notes.txt", "text", "kept");

        assertThat(wrote).isEqualTo(ToolResult.ok("wrote notes.txt"));
        assertThat(workspace.resolve("notes.txt")).hasContent("kept");
    }

    @Test
    void aToolCannotWriteTheHomeDirectory() throws Exception {
        // What is promised is that the real file is not written. The tool may see an error (a read-only home) or,
        // when the test's folders lie under /tmp (a checkout under /tmp, as CI's may be), a write into the
        // sandbox's own /tmp that is gone with it: either way nothing lands outside.
        call(bwrap(), "write", "path", "~/x", "text", "planted");
        assertThat(home.resolve("x")).doesNotExist();

        assertThat(call(none(), "write", "path", "~/x", "text", "planted").isError())
                .isFalse();
        assertThat(home.resolve("x")).hasContent("planted");
    }

    @Test
    void aToolCannotWriteTheRealTmp() throws Exception {
        // The sandbox's /tmp is its own and empty: the write lands there and is gone with the host.
        call(bwrap(), "write", "path", outsideTmp.toString(), "text", "planted");
        assertThat(outsideTmp).doesNotExist();

        assertThat(call(none(), "write", "path", outsideTmp.toString(), "text", "planted")
                        .isError())
                .isFalse();
        assertThat(outsideTmp).hasContent("planted");
    }

    @Test
    void aToolCannotWriteBesideTheWorkspace() throws Exception {
        Path beside = root.resolve("projects/other.txt");

        // As above: an error, or a write into the sandbox's private /tmp when the checkout lies under /tmp.
        call(bwrap(), "write", "path", beside.toString(), "text", "planted");
        assertThat(beside).doesNotExist();
        assertThat(call(none(), "write", "path", beside.toString(), "text", "planted")
                        .isError())
                .isFalse();
    }

    @Test
    void aToolCannotReadTheUsersSecrets() throws Exception {
        ToolResult sandboxed = call(bwrap(), "read", "path", "~/.ssh/id_ed25519");

        assertThat(sandboxed.content()).doesNotContain("CANARY-SSH-KEY");
        assertThat(sandboxed.isError()).isTrue();
        assertThat(call(none(), "read", "path", "~/.ssh/id_ed25519").content()).contains("CANARY-SSH-KEY");
    }

    @Test
    void aHangingToolInTheSandboxIsStoppedAtItsTimeLimitWithAllItStarted() throws Exception {
        PythonSetup setup = new PythonSetup(environment, workspace, bwrap());
        try (PythonFile file = PythonFile.load(workspace.resolve("tools.py"), PythonStyle.FUNCTIONS, setup)) {
            TestContext twoSeconds = new TestContext(workspace, environment, Duration.ofSeconds(2));
            CompletableFuture<ToolResult> call =
                    CompletableFuture.supplyAsync(() -> callQuietly(file, twoSeconds, "hang"));
            // The processes as this JVM sees them (the sandbox's PID namespace hides their real ids from the tool).
            List<ProcessHandle> started = List.of();
            for (int i = 0; i < 100 && started.stream().noneMatch(PythonSandboxSecurityTest::isSleep); i++) {
                Thread.sleep(50);
                started = ProcessHandle.current().descendants().toList();
            }
            ProcessHandle sleep = started.stream()
                    .filter(PythonSandboxSecurityTest::isSleep)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the tool's child never started"));
            // Everything under the outermost bubblewrap the child runs in: the host, its child, bubblewrap itself.
            ProcessHandle top = sleep;
            for (ProcessHandle up = sleep; up.parent().isPresent(); ) {
                up = up.parent().get();
                if (isBwrap(up)) top = up;
            }
            assertThat(isBwrap(top)).as("the host runs in bubblewrap").isTrue();
            List<ProcessHandle> sandboxed =
                    new java.util.ArrayList<>(top.descendants().toList());
            sandboxed.add(top);
            assertThat(sandboxed).hasSizeGreaterThanOrEqualTo(3);

            assertThat(call.get(30, TimeUnit.SECONDS).content()).contains("did not finish within its time limit");
            for (ProcessHandle process : sandboxed) {
                process.onExit().get(10, TimeUnit.SECONDS);
                assertThat(process.isAlive()).as(process.info().toString()).isFalse();
            }
        }
    }

    private static boolean isBwrap(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.endsWith("/bwrap"))
                .orElse(false);
    }

    private static boolean isSleep(ProcessHandle process) {
        return process.info()
                .arguments()
                .map(args -> List.of(args).contains("307"))
                .orElse(false);
    }

    private static ToolResult callQuietly(PythonFile file, TestContext context, String tool) {
        try {
            return context.call(file.tool(tool).orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aToolCannotReachTheNetworkWhenTheSandboxSaysNone() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ToolResult sandboxed = call(bwrap(), "connect", "port", server.getLocalPort());

            assertThat(sandboxed.isError()).as(sandboxed.content()).isTrue();
            assertThat(call(none(), "connect", "port", server.getLocalPort())).isEqualTo(ToolResult.ok("connected"));
        }
    }
}
