package dev.marble.tool.shell;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options spelled more than one way, so that a deny rule written one way catches the others:
 * {@code rm -rf} is {@code rm -fr}, {@code rm -r -f}, {@code rm -Rf}, {@code rm --recursive --force}
 * and {@code rm --rec --for} (GNU programs accept any unambiguous abbreviation of a long option).
 * Combined short options are split for every program; the long-to-short table is per program.
 */
final class OptionAliases {

    private static final Map<String, Map<String, String>> TABLE = Map.of(
            "rm",
                    Map.of(
                            "-R",
                            "-r",
                            "--recursive",
                            "-r",
                            "--force",
                            "-f",
                            "--dir",
                            "-d",
                            "--interactive",
                            "-i",
                            "--verbose",
                            "-v"),
            "cp", Map.of("-R", "-r", "--recursive", "-r", "--force", "-f", "--archive", "-a"),
            "mv", Map.of("--force", "-f"),
            "chmod", Map.of("--recursive", "-R"),
            "chown", Map.of("--recursive", "-R"),
            "chgrp", Map.of("--recursive", "-R"),
            "git", Map.of("--force", "-f", "--delete", "-d", "--dry-run", "-n", "--all", "-a"),
            "sed", Map.of("--in-place", "-i", "--expression", "-e", "-r", "-E", "--regexp-extended", "-E"),
            "find", Map.of(),
            "shred", Map.of("--remove", "-u", "--zero", "-z", "--force", "-f"));

    private OptionAliases() {}

    /** Whether {@code word} is an option: it starts with '-' and is not "-" (stdin) or "--" (end of options). */
    static boolean isOption(String word) {
        return word.length() > 1 && word.startsWith("-") && !word.equals("--");
    }

    /**
     * The canonical options one word stands for. {@code abbreviations}: also the long options of the
     * table that {@code --word} abbreviates (for a command's words; a rule's are taken as written).
     */
    static Set<String> canonical(String program, String word, boolean abbreviations) {
        Map<String, String> aliases = TABLE.getOrDefault(program, Map.of());
        Set<String> out = new LinkedHashSet<>();
        if (word.startsWith("--")) {
            int equals = word.indexOf('=');
            String name = equals < 0 ? word : word.substring(0, equals);
            out.add(name);
            if (aliases.containsKey(name)) out.add(aliases.get(name));
            if (abbreviations && name.length() >= 4) {
                aliases.forEach((longName, shortName) -> {
                    if (longName.startsWith(name)) {
                        out.add(longName);
                        out.add(shortName);
                    }
                });
            }
            return out;
        }
        for (int i = 1; i < word.length(); i++) {
            String single = "-" + word.charAt(i);
            out.add(aliases.getOrDefault(single, single));
        }
        return out;
    }

    /** Whether a command's long option {@code given} abbreviates the rule's {@code wanted}. */
    static boolean abbreviates(String given, String wanted) {
        return given.startsWith("--") && wanted.startsWith("--") && given.length() >= 4 && wanted.startsWith(given);
    }

    static List<String> programsWithAliases() {
        return TABLE.keySet().stream().sorted().toList();
    }
}
