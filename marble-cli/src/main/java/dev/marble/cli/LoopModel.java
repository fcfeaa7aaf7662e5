package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.NoModelException;
import dev.marble.error.UsageException;
import dev.marble.provider.ProviderSpec;
import dev.marble.secret.SecretRedactor;
import java.util.regex.Pattern;

/**
 * The model {@code marble loop} asks for, as llm-loop's users name it: a bare Claude id, which elsewhere means the
 * Claude Code CLI, means the Anthropic API here, because a loop sends its tools to the model and the CLI cannot take
 * them; and {@code --key} becomes the variable the chosen model's provider reads its key from, for this run only.
 */
final class LoopModel {

    private static final Pattern BARE_CLAUDE_ID = Pattern.compile("claude-[a-z0-9][a-z0-9.\\-]*");

    private LoopModel() {}

    /** {@code typed} as the resolver should see it; null (choose the default) stays null. */
    static String name(String typed, Environment environment, boolean keyGiven, Marble marble) {
        if (typed == null) return null;
        String id = typed.strip();
        if (!BARE_CLAUDE_ID.matcher(id).matches() || marble.resolver().aliases().containsKey(id)) return typed;
        if (keyGiven || environment.get("ANTHROPIC_API_KEY").isPresent()) return "anthropic:" + id;
        throw new NoModelException("-m " + id + ": marble loop sends its tools to the model, which the Claude Code CLI"
                + " cannot take, so a Claude id means the Anthropic API here, and ANTHROPIC_API_KEY is not set;"
                + " set it, or add --key KEY (the model is then anthropic:" + id + ")");
    }

    /**
     * {@code environment} with {@code key} in the variable the model's provider reads (ANTHROPIC_API_KEY,
     * OPENAI_API_KEY, ...), found by choosing the model once with a Marble that is then closed.
     */
    static Environment withKey(Environment environment, String typed, String key, SecretRedactor redactor) {
        try (Marble probe = Marble.start(environment, warning -> {}, redactor)) {
            String name = name(typed, environment, true, probe);
            var ref = probe.chooser().choose(name).ref();
            String variable = probe.catalog()
                    .find(ref.provider())
                    .map(ProviderSpec::apiKeyEnv)
                    .orElse(null);
            if (variable == null) {
                throw new UsageException("--key: the model " + ref + " takes no API key (its provider '"
                        + ref.provider() + "' has none); leave --key out, or choose a model that needs one");
            }
            redactor.register(variable, key);
            return environment.withVariable(variable, key);
        }
    }
}
