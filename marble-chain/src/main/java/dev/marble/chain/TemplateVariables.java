package dev.marble.chain;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of the {@code {NAME}} placeholders in prompts. llmauto had {@code {HOME}} and
 * {@code {BASH_HOME}}, and computed the latter by splitting the home at its first {@code :}, which
 * crashed every chain on Linux and macOS; here it is computed for any home, and the chain's own
 * paths are offered too, so prompts need not hard-code them.
 *
 * @param home     the home directory without a trailing separator ({@code {HOME}})
 * @param bashHome the home as Git Bash on Windows writes it ({@code {BASH_HOME}}); a POSIX home unchanged
 * @param stateDir absolute ({@code {STATE_DIR}})
 * @param handoff  absolute ({@code {HANDOFF}})
 * @param round    the round being run, counted from 1 ({@code {ROUND}})
 */
public record TemplateVariables(String home, String bashHome, String chain, Path stateDir, Path handoff, int round) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(HOME|BASH_HOME|CHAIN|STATE_DIR|HANDOFF|ROUND)}");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("([A-Za-z]):(.*)", Pattern.DOTALL);

    public TemplateVariables {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(bashHome, "bashHome");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(handoff, "handoff");
        // Rounds are counted from 1 in prompts; a 0 here is the completed-rounds counter passed by mistake.
        if (round < 1) throw new IllegalArgumentException("round counts from 1, got " + round);
    }

    public static TemplateVariables of(Path home, String chain, Path stateDir, Path handoff, int round) {
        String homeText = withoutTrailingSeparator(home.toString());
        return new TemplateVariables(
                homeText,
                bashHome(homeText),
                chain,
                stateDir.toAbsolutePath().normalize(),
                handoff.toAbsolutePath().normalize(),
                round);
    }

    /** {@code {HOME}} has no trailing separator (llmauto's prompts write {@code {HOME}\OneDrive}); a root stays whole.
     * */
    static String withoutTrailingSeparator(String home) {
        String out = home;
        while (out.length() > 1 && (out.endsWith("/") || out.endsWith("\\")) && !out.endsWith(":\\")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /**
     * {@code C:\Users\x} becomes {@code /c/Users/x}; a UNC path {@code \\server\share} becomes
     * {@code //server/share}; anything else (a POSIX home) is returned unchanged.
     */
    static String bashHome(String home) {
        Matcher drive = WINDOWS_DRIVE.matcher(home);
        if (drive.matches()) {
            return "/" + drive.group(1).toLowerCase(Locale.ROOT)
                    + drive.group(2).replace('\\', '/');
        }
        if (home.startsWith("\\\\")) return home.replace('\\', '/');
        return home;
    }

    /** The placeholders by name, as {@code {{name}}} templates may also use them. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("HOME", home);
        map.put("BASH_HOME", bashHome);
        map.put("CHAIN", chain);
        map.put("STATE_DIR", stateDir.toString());
        map.put("HANDOFF", handoff.toString());
        map.put("ROUND", Integer.toString(round));
        return map;
    }

    /**
     * Replaces each {@code {NAME}} in one pass, so a value that itself contains a placeholder is not
     * expanded again; any other braces are left as they are.
     */
    public String substitute(String text) {
        Map<String, String> values = asMap();
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1))));
    }
}
