package dev.marble.tool.shell;

import static dev.marble.tool.shell.ProgramHazards.hazard;
import static dev.marble.tool.shell.ProgramHazards.isLong;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * git's entry of {@link ProgramHazards}: git runs shell commands named by its configuration (aliases
 * starting with '!', core.sshCommand, core.fsmonitor, core.pager, diff and merge drivers...), so every
 * way to set configuration for one call, to point git at another repository's configuration, or to
 * name a program directly is a hazard; so is writing outside the workspace.
 */
final class GitHazards {

    /** Global options known to change nothing that runs or is written. */
    private static final Set<String> SAFE_GLOBALS = Set.of(
            "-p",
            "--paginate",
            "-P",
            "--no-pager",
            "--bare",
            "--no-replace-objects",
            "--literal-pathspecs",
            "--glob-pathspecs",
            "--noglob-pathspecs",
            "--icase-pathspecs",
            "--no-optional-locks",
            "--version",
            "--help",
            "-h",
            "--html-path",
            "--man-path",
            "--info-path",
            "--exec-path",
            "--no-lazy-fetch",
            "--no-advice");

    /** Subcommands that exist to run other programs, serve, or handle credentials. */
    private static final Set<String> RUNS_PROGRAMS = Set.of(
            "filter-branch",
            "filter-repo",
            "difftool",
            "mergetool",
            "send-email",
            "daemon",
            "instaweb",
            "shell",
            "upload-pack",
            "receive-pack",
            "upload-archive",
            "remote-ext",
            "remote-fd",
            "credential",
            "credential-store",
            "credential-cache",
            "http-backend",
            "p4",
            "svn",
            "cvsimport",
            "cvsserver",
            "archimport",
            "quiltimport",
            "imap-send",
            "request-pull",
            "web--browse");

    /** Options that name a program for git to run (or, for clone --config and --template, configuration and hooks). */
    private static final List<String> PROGRAM_OPTIONS =
            List.of("--upload-pack", "--receive-pack", "--exec", "--extcmd", "--open-files-in-pager");

    /** The same, for options whose name means something harmless in other subcommands. */
    private static final Map<String, List<String>> SUBCOMMAND_OPTIONS = Map.of(
            "clone",
            List.of("--template", "--config"),
            "init",
            List.of("--template"),
            "archive",
            List.of("--remote"),
            "apply",
            List.of("--unsafe-paths"));

    private GitHazards() {}

    static ProgramHazards.Finding check(ProgramHazards.Call call) {
        List<String> args = call.texts();
        WorkspaceBounds bounds = call.bounds();
        int i = 0;
        for (; i < args.size(); i++) {
            String word = args.get(i);
            if (!word.startsWith("-")) break;
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (word.startsWith("-c")) {
                return hazard("git -c sets configuration for this call, and configuration (alias.*, core.*Command, "
                        + "core.fsmonitor, core.pager...) can run any shell command");
            }
            if (isLong(name, "--config-env"))
                return hazard("git --config-env sets configuration, which can run any shell command");
            if (word.startsWith("--exec-path="))
                return hazard("git --exec-path= runs git's subcommands from another directory");
            if (word.equals("-C") || isLong(name, "--git-dir") || isLong(name, "--work-tree")) {
                String dir = word.contains("=")
                        ? word.substring(word.indexOf('=') + 1)
                        : i + 1 < args.size() ? args.get(++i) : "";
                if (!bounds.inside(dir)) {
                    return hazard("git " + name + " " + dir
                            + " uses a repository outside the workspace, whose configuration " + "can run commands");
                }
                if (word.equals("-C")) bounds.mayChangeTo(dir);
                continue;
            }
            if (isLong(name, "--namespace") || isLong(name, "--list-cmds") || isLong(name, "--super-prefix")) {
                if (!word.contains("=")) i++;
                continue;
            }
            if (!SAFE_GLOBALS.contains(word))
                return hazard("git " + word + " is not an option Marble knows to be safe");
        }
        if (i >= args.size()) return new ProgramHazards.Finding.None();
        String subcommand = args.get(i);
        List<String> rest = args.subList(i + 1, args.size());
        ProgramHazards.Call sub =
                new ProgramHazards.Call("git " + subcommand, call.args().subList(i + 1, args.size()), bounds);
        for (String word : rest) {
            if (word.startsWith("ext::") || word.startsWith("fd::")) {
                return hazard("git's " + word.substring(0, word.indexOf(':')) + ":: transport runs a command");
            }
        }
        if (RUNS_PROGRAMS.contains(subcommand)) return hazard("git " + subcommand + " runs other programs");
        List<String> options = new ArrayList<>(PROGRAM_OPTIONS);
        options.addAll(SUBCOMMAND_OPTIONS.getOrDefault(subcommand, List.of()));
        for (String option : options) {
            if (sub.has(option))
                return hazard("git " + subcommand + " " + option + " names a program or configuration for git to use");
        }
        switch (subcommand) {
            case "config" -> {
                boolean reads =
                        rest.stream().anyMatch(w -> w.startsWith("--get") || w.equals("--list") || w.equals("-l"))
                                || (!rest.isEmpty()
                                        && (rest.getFirst().equals("get")
                                                || rest.getFirst().equals("list")));
                if (!reads) {
                    return hazard(
                            "git config writes configuration, which can set aliases or core.*Command settings that "
                                    + "later git calls run");
                }
            }
            case "submodule" -> {
                if (rest.contains("foreach"))
                    return hazard("git submodule foreach runs a shell command in each submodule");
            }
            case "bisect" -> {
                if (rest.contains("run")) return hazard("git bisect run runs a command at each step");
            }
            case "rebase" -> {
                if (rest.stream().anyMatch(w -> w.startsWith("-") && !w.startsWith("--") && w.indexOf('x') > 0)) {
                    return hazard("git rebase -x runs a shell command after each commit");
                }
            }
            case "grep" -> {
                if (rest.stream().anyMatch(w -> w.startsWith("-O")))
                    return hazard("git grep -O opens the files with a program");
            }
            case "clone", "fetch", "pull", "ls-remote", "push", "archive" -> {
                if (rest.stream().anyMatch(w -> w.startsWith("-u") && !w.startsWith("--"))) {
                    return hazard("git " + subcommand + " -u names the program to run on the other side");
                }
            }
            default -> {}
        }
        List<String> writes = new ArrayList<>(sub.values(null, "--output"));
        writes.addAll(sub.values(null, "--output-directory"));
        writes.addAll(sub.values(null, "--separate-git-dir"));
        writes.addAll(sub.values(null, "--prefix").stream()
                .filter(p -> subcommand.equals("checkout-index"))
                .toList());
        if (subcommand.equals("format-patch") || subcommand.equals("archive")) writes.addAll(sub.values("-o", null));
        List<String> operands = sub.operands();
        if (subcommand.equals("clone") && operands.size() >= 2) writes.add(operands.get(1));
        if (subcommand.equals("init") && !operands.isEmpty()) writes.add(operands.getFirst());
        if (subcommand.equals("worktree")
                && operands.size() >= 2
                && operands.getFirst().equals("add")) writes.add(operands.get(1));
        return ProgramHazards.outside(call, writes, "writes to");
    }
}
