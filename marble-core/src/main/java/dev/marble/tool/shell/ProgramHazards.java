package dev.marble.tool.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one table of programs' known ways to run other code or to write outside the workspace. An allow
 * rule for a program ({@code run_command(git *)}) allows that program, not everything it can be told
 * to run: a call that uses one of these ways is not covered by the rule and is asked about (refused,
 * with the reason, when nobody can be asked). The table is a list of known hazards, not a proof of
 * safety; docs/security.md says what text rules cannot promise.
 *
 * <table>
 * <caption>Hazards by program</caption>
 * <tr><th>program</th><th>not covered by an allow rule for it</th></tr>
 * <tr><td>git</td><td>-c, --config-env, --exec-path=, -C/--git-dir/--work-tree outside the workspace, any global
 *   option not known to be safe; config (writing), --upload-pack, --receive-pack, --exec, -u, --template,
 *   rebase -x/--exec, bisect run, submodule foreach, grep -O, archive --remote/--exec, difftool, mergetool,
 *   filter-branch, send-email, daemon, credential…, ext:: and fd:: URLs; --output, format-patch -o, clone/init
 *   directories, worktree add, checkout-index --prefix outside the workspace</td></tr>
 * <tr><td>sh bash dash zsh ksh fish…</td><td>anything but --version/--help (code given by -c or a script)</td></tr>
 * <tr><td>eval . source trap alias hash enable</td><td>always (they run or redefine code)</td></tr>
 * <tr><td>env nice nohup time timeout stdbuf command exec builtin setsid ionice</td><td>the program they run must
 *   itself be allowed and pass this table; env NAME=value, env -S, env --chdir outside</td></tr>
 * <tr><td>xargs</td><td>as above, and the program it runs must have no entry here (its arguments come from
 * input)</td></tr>
 * <tr><td>sudo doas su chroot strace parallel watch flock… (other wrappers)</td><td>always</td></tr>
 * <tr><td>python perl ruby node php lua Rscript osascript…</td><td>code on the command line (-c, -e, -E, -p, -r,
 *   --eval); python -m pip install</td></tr>
 * <tr><td>find</td><td>-exec, -execdir, -ok, -okdir, -delete, -fprint, -fprint0, -fprintf, -fls</td></tr>
 * <tr><td>tar</td><td>--to-command, --checkpoint-action, --use-compress-program/-I, --info-script/-F,
 *   --new-volume-script, --rsh-command, --rmt-command, -P/--absolute-names, -C/--directory outside</td></tr>
 * <tr><td>sed</td><td>e, w, W commands, s///e and s///w flags, any command not known, -f scripts, -i on files
 *   outside the workspace or with a backup suffix holding '/'</td></tr>
 * <tr><td>awk gawk mawk nawk</td><td>system(), pipes, print/printf to a file, -f, -i, -l, -E, @load/@include</td></tr>
 * <tr><td>npm pnpm yarn bun</td><td>every subcommand that runs package scripts or packages (all but a list of
 *   read-only ones; install without --ignore-scripts); npx pnpx bunx corepack always</td></tr>
 * <tr><td>pip pip3 uv poetry pipx</td><td>install, download, wheel, run, sync… (all but read-only
 * subcommands)</td></tr>
 * <tr><td>rm rmdir touch mkdir chmod chown chgrp truncate shred tee mv ln sponge</td><td>any path outside the
 *   workspace</td></tr>
 * <tr><td>cp install rsync dd sort curl wget patch unzip</td><td>a destination or output outside the workspace;
 *   rsync -e/--rsh/--rsync-path and remote paths; curl -K, wget -e/--use-askpass; zip -TT</td></tr>
 * <tr><td>cd pushd popd</td><td>a directory outside the workspace, or none (the home directory)</td></tr>
 * <tr><td>ssh scp sftp</td><td>-o, -F, -S (options that can name local commands)</td></tr>
 * <tr><td>vim vi nvim ex emacs</td><td>always (editor commands can run shell commands)</td></tr>
 * <tr><td>make</td><td>--eval/-E</td></tr>
 * </table>
 *
 * For any program in the table, a word the shell expands ({@code $X}, {@code *.txt}) before a literal
 * {@code --} is itself a hazard: Marble cannot check options it cannot see.
 */
public final class ProgramHazards {

    /** What the table says of one call. */
    public sealed interface Finding {
        /** Nothing known. */
        record None() implements Finding {}

        /** A way out of the program's own job; the reason names it. */
        record Hazard(String reason) implements Finding {}

        /**
         * The program runs {@code inner}, which must itself be allowed and pass the table; with
         * {@code argumentsFromInput} it also gets arguments Marble cannot see, so it must have no entry here.
         */
        record Runs(List<Word> inner, boolean argumentsFromInput) implements Finding {}
    }

    private static final Finding NONE = new Finding.None();

    /** One call as the table sees it: the arguments after the program, and where the workspace is. */
    record Call(String program, List<Word> args, WorkspaceBounds bounds) {
        List<String> texts() {
            return args.stream().map(Word::text).toList();
        }

        /** Non-option words (all words after "--"). */
        List<String> operands() {
            List<String> out = new ArrayList<>();
            boolean ended = false;
            for (String text : texts()) {
                if (!ended && text.equals("--")) ended = true;
                else if (ended || !OptionAliases.isOption(text)) out.add(text);
            }
            return out;
        }

        boolean has(String... options) {
            for (String text : texts()) {
                for (String option : options) if (text.equals(option) || isLong(text, option)) return true;
            }
            return false;
        }

        /** Values of an option in any spelling: {@code -o X}, {@code -oX}, {@code --output X}, {@code --output=X},
         * abbreviated. */
        List<String> values(String shortOption, String longOption) {
            List<String> out = new ArrayList<>();
            List<String> texts = texts();
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                if (text.equals("--")) break;
                if (longOption != null && isLong(text, longOption)) {
                    if (text.contains("=")) out.add(text.substring(text.indexOf('=') + 1));
                    else if (i + 1 < texts.size()) out.add(texts.get(i + 1));
                } else if (shortOption != null && !text.startsWith("--") && text.startsWith("-") && text.length() > 1) {
                    int at = text.indexOf(shortOption.charAt(1), 1);
                    if (at < 0) continue;
                    if (at + 1 < text.length()) out.add(text.substring(at + 1));
                    else if (i + 1 < texts.size()) out.add(texts.get(i + 1));
                }
            }
            return out;
        }

        /** The first path of {@code paths} outside the workspace, or null. */
        String outside(List<String> paths) {
            for (String path : paths) if (!bounds.inside(path)) return path;
            return null;
        }
    }

    /** {@code --name} or {@code --name=…}, or an abbreviation of it (GNU programs and git accept those). */
    static boolean isLong(String word, String option) {
        if (!word.startsWith("--") || !option.startsWith("--")) return false;
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        return name.equals(option) || (name.length() >= 3 && option.startsWith(name));
    }

    private static final Map<String, Function<Call, Finding>> TABLE = new HashMap<>();
    private static final Pattern PYTHON = Pattern.compile("(python|pypy)[0-9.]*");
    private static final Pattern PIP = Pattern.compile("pip[0-9.]*");

    static {
        for (String shell : Invocations.SHELLS) TABLE.put(shell, ProgramHazards::shell);
        for (String code : List.of("eval", ".", "source", "trap", "alias", "hash", "enable")) {
            TABLE.put(code, call -> hazard(call.program() + " runs or redefines shell code that the rule cannot show"));
        }
        for (String wrapper : Invocations.WRAPPERS) {
            TABLE.put(wrapper, call -> hazard(call.program() + " runs another program in a way Marble does not check"));
        }
        for (String wrapper : List.of(
                "env", "nice", "nohup", "time", "timeout", "stdbuf", "command", "exec", "builtin", "setsid", "ionice",
                "xargs")) {
            TABLE.put(wrapper, ProgramHazards::wrapper);
        }
        TABLE.put("git", GitHazards::check);
        TABLE.put("find", ProgramHazards::find);
        TABLE.put("tar", ProgramHazards::tar);
        TABLE.put("sed", ProgramHazards::sed);
        for (String awk : List.of("awk", "gawk", "mawk", "nawk")) TABLE.put(awk, ProgramHazards::awk);
        for (String npm : List.of("npm", "pnpm", "yarn", "bun")) TABLE.put(npm, ProgramHazards::packageScripts);
        for (String runner : List.of("npx", "pnpx", "bunx", "corepack")) {
            TABLE.put(runner, call -> hazard(call.program() + " downloads and runs packages"));
        }
        for (String pip : List.of("uv", "poetry", "pipx")) TABLE.put(pip, ProgramHazards::pythonPackages);
        Map<String, String> inlineCode = Map.of(
                "node",
                "ep",
                "nodejs",
                "ep",
                "perl",
                "eEi",
                "ruby",
                "e",
                "php",
                "rBRFE",
                "lua",
                "e",
                "luajit",
                "e",
                "Rscript",
                "e",
                "R",
                "e",
                "osascript",
                "e");
        inlineCode.forEach((program, letters) -> TABLE.put(program, call -> inlineCode(call, letters)));
        for (String writer : List.of(
                "rm",
                "rmdir",
                "touch",
                "mkdir",
                "chmod",
                "chown",
                "chgrp",
                "truncate",
                "shred",
                "tee",
                "mv",
                "ln",
                "sponge")) {
            TABLE.put(writer, ProgramHazards::writesOperands);
        }
        for (String copier : List.of("cp", "install")) TABLE.put(copier, ProgramHazards::copies);
        TABLE.put("rsync", ProgramHazards::rsync);
        TABLE.put(
                "dd",
                call -> outside(
                        call,
                        call.texts().stream()
                                .filter(t -> t.startsWith("of="))
                                .map(t -> t.substring(3))
                                .toList(),
                        "writes to"));
        TABLE.put("sort", call -> outside(call, call.values("-o", "--output"), "writes to"));
        TABLE.put("curl", ProgramHazards::curl);
        TABLE.put("wget", ProgramHazards::wget);
        TABLE.put("patch", call -> {
            List<String> paths = new ArrayList<>(call.values("-o", "--output"));
            paths.addAll(call.values("-d", "--directory"));
            paths.addAll(call.values("-B", "--prefix"));
            return outside(call, paths, "writes to");
        });
        TABLE.put("unzip", call -> outside(call, call.values("-d", null), "extracts to"));
        TABLE.put("zip", call -> call.has("-TT", "--unzip-command") ? hazard("zip -TT runs a test command") : NONE);
        for (String cd : List.of("cd", "pushd")) TABLE.put(cd, ProgramHazards::changeDirectory);
        TABLE.put("popd", call -> hazard("popd returns to a directory Marble cannot tell"));
        for (String ssh : List.of("ssh", "scp", "sftp")) {
            TABLE.put(
                    ssh,
                    call -> call.texts().stream()
                                    .anyMatch(t -> t.startsWith("-o") || t.startsWith("-F") || t.startsWith("-S"))
                            ? hazard(call.program() + " -o/-F/-S can name local commands to run")
                            : NONE);
        }
        for (String editor : List.of("vim", "vi", "nvim", "ex", "view", "emacs", "emacsclient")) {
            TABLE.put(editor, call -> hazard(call.program() + " commands can run shell commands"));
        }
        TABLE.put(
                "make",
                call -> call.has("--eval") || call.texts().contains("-E")
                        ? hazard("make --eval runs make code given on the command line")
                        : NONE);
    }

    private ProgramHazards() {}

    /** Whether {@code program} (a base name) has an entry: then its expanded words are hazards too. */
    public static boolean listed(String program) {
        return TABLE.containsKey(key(program));
    }

    /** What the table says of {@code program} called with {@code args}. */
    public static Finding check(String program, List<Word> args, WorkspaceBounds bounds) {
        Function<Call, Finding> check = TABLE.get(key(program));
        if (check == null) return NONE;
        for (Word word : args) {
            if (word.literal() && word.text().equals("--")) break;
            if (!word.literal()) {
                return hazard("`" + word.source()
                        + "` is only known when it runs, so Marble cannot check what it makes " + program + " do");
            }
        }
        return check.apply(new Call(program, args, bounds));
    }

    private static String key(String program) {
        if (PYTHON.matcher(program).matches()) return "python";
        if (PIP.matcher(program).matches()) return "pip";
        return program;
    }

    static {
        TABLE.put("python", ProgramHazards::python);
        TABLE.put("pip", ProgramHazards::pythonPackages);
    }

    static Finding hazard(String reason) {
        return new Finding.Hazard(reason);
    }

    static Finding outside(Call call, List<String> paths, String verb) {
        String path = call.outside(paths);
        return path == null ? NONE : hazard(call.program() + " " + verb + " " + path + ", outside the workspace");
    }

    // ---------------------------------------------------------------- entries

    private static Finding shell(Call call) {
        boolean harmless = !call.args().isEmpty()
                && call.texts().stream().allMatch(t -> t.equals("--version") || t.equals("--help"));
        return harmless
                ? NONE
                : hazard(call.program() + " runs shell code (given with -c, or a script) that the rule cannot show");
    }

    /** Options (with a value, where the value is a separate word) before the wrapped program, per wrapper. */
    private static final Map<String, Set<String>> WRAPPER_VALUES = Map.ofEntries(
            Map.entry("env", Set.of("-u", "--unset", "-C", "--chdir", "-S", "--split-string")),
            Map.entry("nice", Set.of("-n", "--adjustment")),
            Map.entry("time", Set.of("-f", "--format", "-o", "--output")),
            Map.entry("timeout", Set.of("-s", "--signal", "-k", "--kill-after")),
            Map.entry("stdbuf", Set.of("-i", "-o", "-e", "--input", "--output", "--error")),
            Map.entry("exec", Set.of("-a")),
            Map.entry("ionice", Set.of("-c", "-n", "--class", "--classdata")),
            Map.entry(
                    "xargs",
                    Set.of(
                            "-a",
                            "--arg-file",
                            "-d",
                            "--delimiter",
                            "-E",
                            "-I",
                            "-L",
                            "--max-lines",
                            "-n",
                            "--max-args",
                            "-P",
                            "--max-procs",
                            "-s",
                            "--max-chars",
                            "--process-slot-var")));

    private static Finding wrapper(Call call) {
        String program = call.program();
        Set<String> takesValue = WRAPPER_VALUES.getOrDefault(program, Set.of());
        List<Word> args = call.args();
        int i = 0;
        while (i < args.size()) {
            String text = args.get(i).text();
            if (text.equals("--")) {
                i++;
                break;
            }
            if (program.equals("env") && args.get(i).assignedName() != null) {
                return hazard("env sets " + args.get(i).assignedName()
                        + " for the program it runs, which can change what that runs");
            }
            if (!OptionAliases.isOption(text)) break;
            String name = text.contains("=") ? text.substring(0, text.indexOf('=')) : text;
            if (program.equals("env") && (isLong(name, "--split-string") || name.startsWith("-S"))) {
                return hazard("env -S runs a command line Marble does not check");
            }
            if (program.equals("env") && (isLong(name, "--chdir") || name.startsWith("-C"))) {
                String dir = text.contains("=")
                        ? text.substring(text.indexOf('=') + 1)
                        : text.length() > 2 && !text.startsWith("--")
                                ? text.substring(2)
                                : i + 1 < args.size() ? args.get(i + 1).text() : "";
                if (!call.bounds().inside(dir))
                    return hazard("env --chdir runs the program in " + dir + ", outside the workspace");
            }
            if (program.equals("command") && (text.equals("-v") || text.equals("-V"))) return NONE;
            if (program.equals("time") && (name.equals("-o") || isLong(name, "--output"))) {
                String file = text.contains("=")
                        ? text.substring(text.indexOf('=') + 1)
                        : i + 1 < args.size() ? args.get(i + 1).text() : "";
                if (!call.bounds().inside(file)) return hazard("time -o writes to " + file + ", outside the workspace");
            }
            boolean separateValue = takesValue.contains(name) && !text.contains("=");
            i += separateValue ? 2 : 1;
        }
        if (program.equals("timeout") && i < args.size()) i++;
        if (program.equals("ionice") && call.has("-p", "--pid", "-P", "--pgid", "-u", "--uid")) return NONE;
        if (i >= args.size()) return NONE;
        return new Finding.Runs(args.subList(i, args.size()), program.equals("xargs"));
    }

    private static Finding python(Call call) {
        List<String> texts = call.texts();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            // The script (or "-" for standard input) ends the interpreter's own options.
            if (text.equals("--") || !text.startsWith("-") || text.equals("-")) break;
            if (text.startsWith("--")) continue;
            if (text.startsWith("-m")) {
                String module = text.length() > 2 ? text.substring(2) : i + 1 < texts.size() ? texts.get(i + 1) : "";
                if (!module.equals("pip") && !module.equals("ensurepip")) return NONE;
                int from = Math.min(text.length() > 2 ? i + 1 : i + 2, texts.size());
                return pythonPackages(new Call("pip", call.args().subList(from, texts.size()), call.bounds()));
            }
            if (text.startsWith("-W") || text.startsWith("-X")) {
                if (text.length() == 2) i++;
                continue;
            }
            if (text.indexOf('c') > 0) return hazard(call.program() + " -c runs code given on the command line");
        }
        return NONE;
    }

    private static Finding inlineCode(Call call, String letters) {
        for (String text : call.texts()) {
            if (text.equals("--") || !OptionAliases.isOption(text)) break;
            if (isLong(text, "--eval") || isLong(text, "--print")) {
                return hazard(call.program() + " " + text + " runs code given on the command line");
            }
            if (!text.startsWith("--")) {
                for (char letter : letters.toCharArray()) {
                    if (text.indexOf(letter, 1) > 0) {
                        return hazard(call.program() + " -" + letter + " runs code given on the command line");
                    }
                }
            }
        }
        return NONE;
    }

    private static Finding find(Call call) {
        for (String text : call.texts()) {
            switch (text) {
                case "-exec", "-execdir", "-ok", "-okdir" -> {
                    return hazard("find " + text + " runs another program for each file it finds");
                }
                case "-delete" -> {
                    return hazard("find -delete deletes every file it finds, wherever the search starts");
                }
                case "-fprint", "-fprint0", "-fprintf", "-fls" -> {
                    return hazard("find " + text + " writes to a file");
                }
                default -> {}
            }
        }
        return NONE;
    }

    private static Finding tar(Call call) {
        for (String option : List.of(
                "--to-command",
                "--checkpoint-action",
                "--use-compress-program",
                "--info-script",
                "--new-volume-script",
                "--rsh-command",
                "--rmt-command",
                "--absolute-names")) {
            if (call.has(option))
                return hazard("tar " + option + " runs a program or writes outside the archive's directory");
        }
        List<String> texts = call.texts();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            boolean oldStyle = i == 0 && !text.startsWith("-");
            if (!oldStyle && (!text.startsWith("-") || text.startsWith("--"))) continue;
            String letters = oldStyle ? text : text.substring(1);
            if (letters.contains("I") || letters.contains("F") || letters.contains("P")) {
                return hazard("tar -I/-F/-P runs a program or writes to absolute paths");
            }
            int c = letters.indexOf('C');
            if (c >= 0 && (oldStyle || c + 1 < letters.length())) {
                if (oldStyle || !call.bounds().inside(letters.substring(c + 1))) {
                    return hazard("tar -C changes to a directory Marble cannot check");
                }
            } else if (c >= 0 && (i + 1 >= texts.size() || !call.bounds().inside(texts.get(i + 1)))) {
                return hazard("tar -C extracts or reads outside the workspace");
            }
        }
        return outside(call, call.values(null, "--directory"), "changes to");
    }

    private static Finding sed(Call call) {
        List<String> scripts = new ArrayList<>();
        boolean inPlace = false;
        boolean sandbox = false;
        List<String> texts = call.texts();
        List<String> operands = new ArrayList<>();
        boolean ended = false;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (ended || !OptionAliases.isOption(text)) {
                if (text.equals("--") && !ended) {
                    ended = true;
                    continue;
                }
                operands.add(text);
                continue;
            }
            if (text.startsWith("--")) {
                String value = text.contains("=") ? text.substring(text.indexOf('=') + 1) : null;
                if (isLong(text, "--expression"))
                    scripts.add(value != null ? value : i + 1 < texts.size() ? texts.get(++i) : "");
                else if (isLong(text, "--file"))
                    return hazard("sed -f reads its script from a file Marble does not check");
                else if (isLong(text, "--in-place")) {
                    inPlace = true;
                    if (value != null && value.contains("/"))
                        return hazard("sed -i with a backup name holding '/' writes elsewhere");
                } else if (isLong(text, "--sandbox")) sandbox = true;
                else if (isLong(text, "--line-length")) {
                    if (value == null) i++;
                }
                continue;
            }
            for (int j = 1; j < text.length(); j++) {
                char letter = text.charAt(j);
                String rest = text.substring(j + 1);
                if (letter == 'e') {
                    scripts.add(!rest.isEmpty() ? rest : i + 1 < texts.size() ? texts.get(++i) : "");
                    break;
                }
                if (letter == 'f') return hazard("sed -f reads its script from a file Marble does not check");
                if (letter == 'i') {
                    inPlace = true;
                    if (rest.contains("/")) return hazard("sed -i with a backup name holding '/' writes elsewhere");
                    break;
                }
                if (letter == 'l') {
                    if (rest.isEmpty()) i++;
                    break;
                }
            }
        }
        if (scripts.isEmpty() && !operands.isEmpty()) scripts.add(operands.removeFirst());
        if (!sandbox) {
            for (String script : scripts) {
                String problem = SedScripts.problem(script);
                if (problem != null) return hazard("sed: " + problem);
            }
        }
        return inPlace ? outside(call, operands, "edits") : NONE;
    }

    private static final Pattern AWK_HAZARD =
            Pattern.compile("\\bsystem\\s*\\(|(?<![|])\\|(?![|])|\\bprintf?\\b[^;}]*>|@load|@include");

    private static Finding awk(Call call) {
        List<String> texts = call.texts();
        String program = null;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text.equals("--")) {
                if (program == null && i + 1 < texts.size()) program = texts.get(i + 1);
                break;
            }
            if (!OptionAliases.isOption(text)) {
                if (program == null) program = text;
                break;
            }
            if (text.startsWith("-f")
                    || isLong(text, "--file")
                    || text.startsWith("-i")
                    || isLong(text, "--include")
                    || text.startsWith("-l")
                    || isLong(text, "--load")
                    || text.startsWith("-E")
                    || isLong(text, "--exec")) {
                return hazard(call.program() + " " + text + " loads code Marble does not check");
            }
            if (text.equals("-e") || isLong(text, "--source")) {
                program = text.contains("=")
                        ? text.substring(text.indexOf('=') + 1)
                        : i + 1 < texts.size() ? texts.get(++i) : "";
            } else if ((text.equals("-v") || text.equals("-F")) && i + 1 < texts.size()) {
                i++;
            }
        }
        if (program != null && AWK_HAZARD.matcher(program).find()) {
            return hazard(call.program()
                    + " program uses system(), a pipe or a redirection, which run commands or write files");
        }
        return NONE;
    }

    private static final Map<String, Set<String>> READ_ONLY_SUBCOMMANDS = Map.of(
            "npm",
                    Set.of(
                            "ls",
                            "list",
                            "ll",
                            "la",
                            "view",
                            "info",
                            "show",
                            "v",
                            "outdated",
                            "search",
                            "s",
                            "help",
                            "whoami",
                            "root",
                            "prefix",
                            "explain",
                            "why",
                            "query",
                            "ping",
                            "fund",
                            "audit"),
            "pnpm",
                    Set.of(
                            "ls",
                            "list",
                            "ll",
                            "la",
                            "outdated",
                            "why",
                            "root",
                            "help",
                            "licenses",
                            "view",
                            "info",
                            "audit"),
            "yarn", Set.of("info", "why", "list", "outdated", "help", "licenses", "audit"),
            "bun", Set.of("outdated", "help", "pm"),
            "pip", Set.of("list", "show", "freeze", "check", "help", "inspect", "debug", "search", "index"),
            "uv", Set.of("version", "tree", "help"),
            "poetry", Set.of("show", "check", "version", "about", "help", "search"),
            "pipx", Set.of("list", "help", "environment"));

    private static final Set<String> INSTALLS = Set.of(
            "install",
            "i",
            "ci",
            "add",
            "update",
            "up",
            "upgrade",
            "rebuild",
            "dedupe",
            "prune",
            "uninstall",
            "remove",
            "rm",
            "un");

    private static Finding packageScripts(Call call) {
        List<String> operands = call.operands();
        if (operands.isEmpty()) {
            boolean asksVersion = call.has("--version", "--help")
                    || call.texts().contains("-v")
                    || call.texts().contains("-h");
            return asksVersion
                    ? NONE
                    : hazard(call.program() + " with no subcommand installs packages, running their scripts");
        }
        String subcommand = operands.getFirst();
        if (subcommand.equals("audit") && operands.contains("fix")) {
            return hazard(call.program() + " audit fix installs packages, running their scripts");
        }
        if (subcommand.equals("config")
                && operands.size() > 1
                && Set.of("get", "list", "ls").contains(operands.get(1))) return NONE;
        if (call.program().equals("bun")
                && subcommand.equals("pm")
                && operands.size() > 1
                && !operands.get(1).equals("ls")) {
            return hazard("bun pm " + operands.get(1) + " changes packages");
        }
        if (READ_ONLY_SUBCOMMANDS.get(call.program()).contains(subcommand)) return NONE;
        if (INSTALLS.contains(subcommand) && call.has("--ignore-scripts")) return NONE;
        return hazard(call.program() + " " + subcommand + " runs package scripts or packages' code");
    }

    private static Finding pythonPackages(Call call) {
        List<String> operands = call.operands();
        if (operands.isEmpty()) {
            return call.has("--version", "-V", "--help", "-h")
                    ? NONE
                    : hazard(call.program() + " without a subcommand is not checked");
        }
        String subcommand = operands.getFirst();
        if (call.program().equals("uv") && subcommand.equals("pip") && operands.size() > 1) {
            return Set.of("list", "show", "freeze", "check", "tree").contains(operands.get(1))
                    ? NONE
                    : hazard("uv pip " + operands.get(1) + " installs packages, running their build code");
        }
        if ((subcommand.equals("cache") || subcommand.equals("config"))
                && operands.size() > 1
                && Set.of("list", "dir", "info", "get").contains(operands.get(1))) {
            return NONE;
        }
        Set<String> readOnly = READ_ONLY_SUBCOMMANDS.getOrDefault(call.program(), Set.of());
        return readOnly.contains(subcommand)
                ? NONE
                : hazard(call.program() + " " + subcommand + " installs or runs packages, running their code");
    }

    private static Finding writesOperands(Call call) {
        List<String> operands = call.operands();
        if (Set.of("chmod", "chown", "chgrp").contains(call.program())
                && !call.has("--reference")
                && !operands.isEmpty()) {
            operands = operands.subList(1, operands.size());
        }
        List<String> paths = new ArrayList<>(operands);
        paths.addAll(call.values("-t", "--target-directory"));
        return outside(call, paths, call.program().equals("ln") ? "links" : "changes");
    }

    private static Finding copies(Call call) {
        List<String> target = call.values("-t", "--target-directory");
        if (target.isEmpty()) {
            List<String> operands = call.operands();
            if (operands.isEmpty()) return NONE;
            target = List.of(operands.getLast());
        }
        return outside(call, target, "writes to");
    }

    private static Finding rsync(Call call) {
        if (call.has("--rsh", "--rsync-path")
                || call.texts().stream()
                        .anyMatch(t -> t.startsWith("-e")
                                || (!t.startsWith("--") && t.startsWith("-") && t.indexOf('e', 1) > 0))) {
            return hazard("rsync -e/--rsh/--rsync-path runs a command");
        }
        if (call.operands().stream().anyMatch(t -> t.contains(":")))
            return hazard("rsync to or from another host is not checked");
        return copies(call);
    }

    private static Finding curl(Call call) {
        if (call.has("--config") || call.texts().stream().anyMatch(t -> t.startsWith("-K"))) {
            return hazard("curl -K reads options from a file Marble does not check");
        }
        List<String> paths = new ArrayList<>(call.values("-o", "--output"));
        paths.addAll(call.values(null, "--output-dir"));
        paths.addAll(call.values("-c", "--cookie-jar"));
        paths.addAll(call.values("-D", "--dump-header"));
        paths.addAll(call.values(null, "--trace"));
        return outside(call, paths, "writes to");
    }

    private static Finding wget(Call call) {
        if (call.has("--execute", "--use-askpass") || call.texts().stream().anyMatch(t -> t.startsWith("-e"))) {
            return hazard("wget -e/--use-askpass runs commands or changes settings Marble does not check");
        }
        List<String> paths = new ArrayList<>(call.values("-O", "--output-document"));
        paths.addAll(call.values("-P", "--directory-prefix"));
        paths.addAll(call.values("-o", "--output-file"));
        paths.addAll(call.values("-a", "--append-output"));
        return outside(call, paths, "writes to");
    }

    private static Finding changeDirectory(Call call) {
        List<String> operands = call.operands();
        if (operands.isEmpty() || operands.getFirst().equals("-")) {
            return hazard(call.program()
                    + " without a directory goes to the home or previous directory, outside Marble's view");
        }
        String dir = operands.getFirst();
        if (!call.bounds().inside(dir)) return hazard(call.program() + " " + dir + " leaves the workspace");
        call.bounds().mayChangeTo(dir);
        return NONE;
    }
}
