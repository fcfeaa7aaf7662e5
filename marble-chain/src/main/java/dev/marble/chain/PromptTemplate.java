package dev.marble.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a {@code {"type": "template"}} prompt: each {@code {{name}}} becomes the template's own
 * variable of that name, else the chain's variable ({@code chain}, {@code round}, {@code home},
 * {@code bash_home}, {@code state_dir}, {@code handoff}, or llmauto's schema's {@code handoff_file}).
 * An unknown name is reported rather than sent to the model as literal braces.
 */
final class PromptTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

    /** The text, and the names it used that nothing defines (empty when all were known). */
    record Expansion(String text, List<String> missing) {}

    private PromptTemplate() {}

    static Expansion expand(PromptSource.Template template, TemplateVariables variables) {
        Map<String, String> chainVariables = chainVariables(variables);
        Set<String> missing = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(template.template());
        String text = matcher.replaceAll(match -> {
            String name = match.group(1);
            String value = template.variables().get(name);
            if (value == null) value = chainVariables.get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                missing.add(name);
                return Matcher.quoteReplacement(match.group());
            }
            return Matcher.quoteReplacement(value);
        });
        return new Expansion(text, new ArrayList<>(missing));
    }

    /** Every name a template may use without defining it, for error messages. */
    static Set<String> chainVariableNames(TemplateVariables variables) {
        return new TreeSet<>(chainVariables(variables).keySet());
    }

    private static Map<String, String> chainVariables(TemplateVariables variables) {
        Map<String, String> out = new HashMap<>();
        variables.asMap().forEach((name, value) -> out.put(name.toLowerCase(Locale.ROOT), value));
        out.put("handoff_file", variables.handoff().toString());
        return out;
    }
}
