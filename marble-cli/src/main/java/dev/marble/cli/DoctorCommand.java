package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.ProjectLocator;
import dev.marble.config.Setting;
import dev.marble.config.Version;
import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import dev.marble.process.CommandLauncher;
import dev.marble.process.Containment;
import dev.marble.process.Sandbox;
import dev.marble.process.SandboxMode;
import dev.marble.provider.claudecode.ClaudeCodeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.tools.ToolProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble doctor}: what this machine gives Marble, checked rather than assumed: whether shell commands run
 * sandboxed (and why not), how commands are ended outside the sandbox, the Java runtime and compiler, the Claude
 * Code CLI, and the configuration files read. Every check is cheap and local: nothing is sent anywhere.
 */
@Command(
        name = "doctor",
        description = "Check the sandbox, Java, Claude Code and config files here.",
        footer = {"  marble doctor", "  marble doctor --json", "  marble doctor --sandbox bwrap"})
final class DoctorCommand implements Callable<Integer> {

    private final CliContext context;

    /** One object: docs/schemas/doctor.schema.json. */
    @Mixin
    JsonOption json;

    @Spec
    CommandSpec commandSpec;

    @Mixin
    SandboxOption sandboxOption;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    /** What was found. */
    private record Report(
            Setting<SandboxMode> mode,
            Sandbox sandbox,
            String sandboxProblem,
            Containment containment,
            boolean compiler,
            Optional<Path> claude,
            Path projectFile,
            Path globalFile) {}

    @Override
    public Integer call() {
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            SandboxMode flag = sandboxOption.mode();
            if (flag != null) marble.sandboxMode(flag);
            Sandbox sandbox = null;
            String problem = null;
            try {
                sandbox = marble.sandbox();
            } catch (MarbleException e) {
                problem = e.getMessage(); // bwrap required and not working: the doctor reports it, it is not the error
            }
            ClaudeCodeSettings claude = ClaudeCodeSettings.from(marble.config());
            Report report = new Report(
                    marble.sandboxSettings().mode(),
                    sandbox,
                    problem,
                    CommandLauncher.containment(),
                    ToolProvider.getSystemJavaCompiler() != null,
                    context.environment().findExecutable(claude.command()),
                    marble.config().projectRoot().resolve(ProjectLocator.PROJECT_FILE),
                    context.environment().globalConfigDirectory().resolve("config.json"));
            if (json.enabled()) printJson(report);
            else printText(report);
            return ExitCodes.OK;
        }
    }

    private void printText(Report report) {
        var out = context.out();
        out.println("marble " + Version.VERSION + " on Java " + Runtime.version() + " ("
                + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println();
        Table table = new Table("  ", "CHECK", "STATE", "DETAIL");
        String mode = "mode " + report.mode().value().wireName() + " ("
                + report.mode().source() + ")";
        if (report.sandboxProblem() != null) {
            table.row("sandbox", "PROBLEM", report.sandboxProblem());
        } else if (report.sandbox().active()) {
            table.row("sandbox", "active", report.sandbox().describe() + "; " + mode);
        } else {
            table.row("sandbox", "off", ((Sandbox.None) report.sandbox()).reason() + "; " + mode);
        }
        table.row("containment", "yes", String.join(", ", report.containment().inUse()));
        for (String missing : report.containment().missing()) table.row("", "missing", missing);
        table.row(
                "java compiler",
                report.compiler() ? "yes" : "no",
                report.compiler()
                        ? "--functions can compile .java files"
                        : "a JRE without javac: --functions takes .jar files only");
        table.row(
                "claude code",
                report.claude().isPresent() ? "yes" : "no",
                report.claude()
                        .map(Path::toString)
                        .orElse("not on PATH (needed for claude-code: models and Claude chain links)"));
        table.row(
                "project config",
                Files.isRegularFile(report.projectFile()) ? "read" : "none",
                report.projectFile().toString());
        table.row(
                "global config",
                Files.isRegularFile(report.globalFile()) ? "read" : "none",
                report.globalFile().toString());
        table.print(out, Palette.out(context, commandSpec));
    }

    private void printJson(Report report) {
        ObjectNode root = Json.object();
        root.put("marble_version", Version.VERSION);
        ObjectNode java = root.putObject("java");
        java.put("version", Runtime.version().toString());
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("home", System.getProperty("java.home"));
        java.put("compiler", report.compiler());
        ObjectNode os = root.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        ObjectNode sandbox = root.putObject("sandbox");
        sandbox.put("mode", report.mode().value().wireName());
        sandbox.put("mode_source", report.mode().source());
        sandbox.put("active", report.sandbox() != null && report.sandbox().active());
        // Every field in every case, null where it does not apply, so that a script need not test for absent keys.
        Sandbox.Bwrap bwrap = report.sandbox() instanceof Sandbox.Bwrap b ? b : null;
        sandbox.put("bwrap", bwrap == null ? null : bwrap.executable().toString());
        sandbox.put("network", bwrap == null ? null : bwrap.network().wireName());
        if (bwrap == null) {
            sandbox.putNull("hidden");
        } else {
            var hidden = sandbox.putArray("hidden");
            bwrap.hidden().stream().filter(path -> Files.exists(path)).forEach(path -> hidden.add(path.toString()));
        }
        sandbox.put("reason", report.sandbox() instanceof Sandbox.None none ? none.reason() : null);
        sandbox.put("problem", report.sandboxProblem());
        ObjectNode containment = root.putObject("containment");
        var inUse = containment.putArray("in_use");
        report.containment().inUse().forEach(inUse::add);
        var missing = containment.putArray("missing");
        report.containment().missing().forEach(missing::add);
        ObjectNode claude = root.putObject("claude_code");
        claude.put("found", report.claude().isPresent());
        claude.put("path", report.claude().map(Path::toString).orElse(null));
        ObjectNode config = root.putObject("config");
        config.put("project", report.projectFile().toString());
        config.put("project_read", Files.isRegularFile(report.projectFile()));
        config.put("global", report.globalFile().toString());
        config.put("global_read", Files.isRegularFile(report.globalFile()));
        context.out().println(Json.write(root));
    }
}
