package dev.marble.tool.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every program a simple command may run, as deny rules and hard blocks must see it: the program by
 * its base name ({@code /bin/rm} and {@code \rm} are {@code rm}), and behind wrappers that run
 * another program ({@code command rm}, {@code env X=1 rm}, {@code nice -n 5 rm}, {@code xargs rm},
 * {@code find -exec rm}) and strings that are shell code ({@code sh -c "rm …"}, {@code eval},
 * {@code git -c alias.x='!rm …'}). This side errs towards finding too much: after a wrapper every later
 * word is tried as the start of the wrapped command, so an option value mistaken for a program only
 * makes a deny rule match more often. A program that is only known when the command runs
 * ({@code $R -rf}, {@code sh -c "$X"}) makes the answer {@link Found#unknown() unknown}, which matches
 * every deny rule.
 */
public final class Invocations {

    /** Programs that run the program named by one of their later words. */
    static final Set<String> WRAPPERS = Set.of(
            "command",
            "exec",
            "builtin",
            "env",
            "nice",
            "nohup",
            "time",
            "timeout",
            "stdbuf",
            "ionice",
            "chrt",
            "taskset",
            "setsid",
            "sudo",
            "doas",
            "xargs",
            "busybox",
            "chroot",
            "unbuffer",
            "strace",
            "ltrace",
            "nsenter",
            "unshare",
            "firejail",
            "parallel",
            "caffeinate",
            "systemd-run",
            "torsocks",
            "proxychains",
            "proxychains4",
            "catchsegv",
            "valgrind",
            "flock",
            "watch",
            "run-one",
            "pkexec",
            "runuser",
            "fakeroot",
            "numactl",
            "cpulimit",
            "gtimeout",
            "gstdbuf",
            "sg",
            "chpst",
            "daemonize");

    /** Shells: each argument may be shell code ({@code -c STRING}) and is read as such. */
    static final Set<String> SHELLS =
            Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "yash", "posh", "fish", "csh", "tcsh", "rbash");

    /** Other programs whose arguments are shell code: {@code eval}, {@code su -c}, {@code trap CODE SIGNAL}... */
    static final Set<String> CODE_ARGUMENTS = Set.of("eval", "su", "trap", "script", "watch", "flock", "ssh");

    /** git options whose value is a command git runs (or, for -c, configuration that can name one). */
    private static final Set<String> GIT_COMMAND_OPTIONS = Set.of(
            "-c", "--config-env", "--upload-pack", "--receive-pack", "--exec", "-x", "-u", "--extcmd", "--config");

    private static final int MAX_DEPTH = 8;

    /** One program a command may run, with the arguments that follow it. */
    public record Invocation(String program, List<Word> arguments, SimpleCommand command) {}

    /**
     * @param invocations the programs found, the command's own first
     * @param unknown     why some program cannot be known before it runs; null when all can
     */
    public record Found(List<Invocation> invocations, String unknown) {}

    private Invocations() {}

    public static Found of(SimpleCommand command) {
        Collector collector = new Collector();
        collector.command(command, 0);
        return new Found(List.copyOf(collector.found), collector.unknown);
    }

    /** The name a program word runs by: the text after its last '/'. */
    public static String baseName(String word) {
        int slash = word.lastIndexOf('/');
        return slash < 0 ? word : word.substring(slash + 1);
    }

    private static final class Collector {
        final List<Invocation> found = new ArrayList<>();
        String unknown;

        void command(SimpleCommand command, int depth) {
            if (command.words().isEmpty()) return;
            if (depth > MAX_DEPTH) {
                unknown("it nests shell code more than " + MAX_DEPTH + " levels deep");
                return;
            }
            from(command, command.words(), 0, depth, new HashSet<>());
        }

        void from(SimpleCommand command, List<Word> words, int start, int depth, Set<Integer> seen) {
            if (!seen.add(start)) return;
            Word word = words.get(start);
            if (!word.literal()) {
                unknown((start == 0
                                ? "the program "
                                : "the program run by " + words.getFirst().text() + " ") + "`" + word.source()
                        + "` is only known when the command runs");
                return;
            }
            String program = baseName(word.text());
            List<Word> arguments = words.subList(start + 1, words.size());
            found.add(new Invocation(program, arguments, command));
            if (program.equals("alias")
                    && arguments.stream().anyMatch(a -> a.text().contains("="))) {
                unknown("it defines an alias, which changes what later words run");
            }
            if (WRAPPERS.contains(program)) {
                for (int i = start + 1; i < words.size(); i++) from(command, words, i, depth, seen);
            } else if (program.equals("find")) {
                for (int i = start + 1; i + 1 < words.size(); i++) {
                    String action = words.get(i).text();
                    if (action.equals("-exec")
                            || action.equals("-execdir")
                            || action.equals("-ok")
                            || action.equals("-okdir")) {
                        from(command, words, i + 1, depth, seen);
                    }
                }
            }
            if (SHELLS.contains(program) || CODE_ARGUMENTS.contains(program)) {
                code(command, arguments, depth, program);
                if (program.equals("eval") && arguments.stream().allMatch(Word::literal)) {
                    script(
                            command,
                            String.join(" ", arguments.stream().map(Word::text).toList()),
                            depth,
                            program);
                }
            } else if (program.equals("git")) {
                gitCode(command, arguments, depth);
            } else if (program.equals("env")) {
                for (int i = 0; i + 1 < arguments.size(); i++) {
                    if (arguments.get(i).text().equals("-S")
                            || arguments.get(i).text().equals("--split-string")) {
                        code(command, arguments.subList(i + 1, i + 2), depth, program);
                    }
                }
                arguments.stream()
                        .filter(a -> a.text().startsWith("--split-string=")
                                || a.text().startsWith("-S"))
                        .forEach(a ->
                                script(command, a.text().replaceFirst("^(--split-string=|-S)", ""), depth, program));
            }
        }

        /** Arguments that may be shell code: each is read as a command line of its own. */
        void code(SimpleCommand command, List<Word> arguments, int depth, String program) {
            for (Word argument : arguments) {
                if (!argument.literal()) {
                    unknown(program + " runs `" + argument.source() + "`, which is only known when the command runs");
                    return;
                }
                if (!OptionAliases.isOption(argument.text())) script(command, argument.text(), depth, program);
            }
        }

        /** {@code git -c alias.x='!rm -rf …'}, {@code --upload-pack='rm …'}: the value is a command. */
        void gitCode(SimpleCommand command, List<Word> arguments, int depth) {
            for (int i = 0; i < arguments.size(); i++) {
                String text = arguments.get(i).text();
                int equals = text.indexOf('=');
                String name = equals < 0 ? text : text.substring(0, equals);
                if (!GIT_COMMAND_OPTIONS.contains(name)) continue;
                Word value = equals >= 0 ? arguments.get(i) : i + 1 < arguments.size() ? arguments.get(i + 1) : null;
                if (value == null) continue;
                if (!value.literal()) {
                    unknown("git " + name + " is given `" + value.source()
                            + "`, which is only known when the command runs");
                    continue;
                }
                String code = equals >= 0 ? text.substring(equals + 1) : value.text();
                int configEquals = code.indexOf('=');
                if ((name.equals("-c") || name.equals("--config")) && configEquals >= 0)
                    code = code.substring(configEquals + 1);
                script(command, code.startsWith("!") ? code.substring(1) : code, depth, "git " + name);
            }
        }

        void script(SimpleCommand command, String code, int depth, String program) {
            ParsedCommand parsed = ShellParser.parse(code);
            if (parsed instanceof ParsedCommand.Unparseable unparseable) {
                unknown(program + " runs shell code Marble cannot read (" + unparseable.reason() + ")");
                return;
            }
            for (SimpleCommand inner : ((ParsedCommand.Script) parsed).all()) command(inner, depth + 1);
        }

        void unknown(String why) {
            if (unknown == null) unknown = why;
        }
    }
}
