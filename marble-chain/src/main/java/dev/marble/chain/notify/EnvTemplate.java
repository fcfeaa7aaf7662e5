package dev.marble.chain.notify;

import dev.marble.config.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} in a configured value, replaced by that environment variable, so a webhook's
 * {@code Authorization: Bearer ${HOOK_TOKEN}} keeps its secret out of the file. Text without
 * {@code ${…}} (a lone {@code $} included) is left as it is.
 */
final class EnvTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** The expanded text and the variables it used, with their values, for the redactor. */
    record Expanded(String text, Map<String, String> used) {}

    private EnvTemplate() {}

    /** @throws IllegalArgumentException naming the first variable that is not set (empty counts as unset) */
    static Expanded expand(String template, Environment environment) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        Map<String, String> used = new LinkedHashMap<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = environment
                    .get(name)
                    .orElseThrow(() -> new IllegalArgumentException("${" + name + "} is not set in the environment"));
            used.put(name, value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return new Expanded(out.toString(), used);
    }
}
