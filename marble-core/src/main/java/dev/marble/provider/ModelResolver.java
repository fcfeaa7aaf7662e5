package dev.marble.provider;

import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.error.UsageException;
import dev.marble.model.ModelRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what a person writes into a {@link ModelRef}: {@code provider:model}; an alias
 * ({@code opus}, {@code sonnet}, {@code haiku} or one from configuration); a provider name alone
 * (its default model); a bare Claude model id, which means the Claude Code CLI, as in llmauto
 * chains; a bare OpenAI model id ({@code gpt-4o-mini}, {@code o3}), which means the OpenAI API,
 * as llm-loop's {@code LLM_MODEL} names them; or a bare Gemini model id ({@code gemini-2.5-flash}), which
 * means the Gemini API, as LLMProc programs name them.
 */
public final class ModelResolver {

    /** Built-in aliases name the Claude Code CLI's own aliases, which always track the newest models. */
    public static final Map<String, String> BUILT_IN_ALIASES = Map.of(
            "opus", "claude-code:opus",
            "sonnet", "claude-code:sonnet",
            "haiku", "claude-code:haiku");

    private static final Pattern BARE_CLAUDE_ID = Pattern.compile("claude-[a-z0-9][a-z0-9.\\-]*");
    /** OpenAI's own model ids, as llm-loop users write them in LLM_MODEL: gpt-4o-mini, o3, chatgpt-4o-latest. */
    private static final Pattern BARE_OPENAI_ID = Pattern.compile("(gpt-|chatgpt-|o[1-9])[a-z0-9.\\-]*");
    /** Google's Gemini model ids, as LLMProc programs name them: gemini-2.5-flash, gemini-2.5-pro. */
    private static final Pattern BARE_GEMINI_ID = Pattern.compile("gemini-[a-z0-9][a-z0-9.\\-]*");

    private static final int MAX_ALIAS_DEPTH = 8;

    private final ProviderCatalog catalog;
    private final Map<String, Setting<String>> aliases;

    public ModelResolver(ProviderCatalog catalog, MarbleConfig config) {
        this.catalog = catalog;
        Map<String, Setting<String>> merged = new LinkedHashMap<>();
        BUILT_IN_ALIASES.forEach((name, target) -> merged.put(name, new Setting<>(target, "built in", null)));
        merged.putAll(config.aliases());
        this.aliases = merged;
    }

    public Map<String, Setting<String>> aliases() {
        return aliases;
    }

    /** Resolves text typed on the command line or in an environment variable. */
    public ModelRef resolve(String text) {
        return resolve(text, null);
    }

    /**
     * Resolves text from a file: a problem is reported at {@code location} (file, line, column,
     * field) when one is given, else as a usage error.
     */
    public ModelRef resolve(String text, SourceLocation location) {
        String current = text == null ? "" : text.strip();
        for (int depth = 0; depth < MAX_ALIAS_DEPTH; depth++) {
            if (current.isEmpty()) throw problem(location, "the model name is empty");
            Setting<String> alias = aliases.get(current);
            if (alias != null) {
                current = alias.value().strip();
                continue;
            }
            ModelRef qualified = ModelRef.parseQualified(current);
            if (qualified != null) {
                if (catalog.find(qualified.provider()).isPresent()) return qualified;
                throw problem(
                        location,
                        "unknown provider '" + qualified.provider() + "' in '" + current + "'; known providers: "
                                + String.join(", ", providerNames()));
            }
            var provider = catalog.find(current);
            if (provider.isPresent()) {
                if (provider.get().defaultModel() != null)
                    return new ModelRef(current, provider.get().defaultModel());
                throw problem(location, "provider '" + current + "' has no default model; write " + current + ":MODEL");
            }
            if (BARE_CLAUDE_ID.matcher(current).matches()) return new ModelRef("claude-code", current);
            if (BARE_OPENAI_ID.matcher(current).matches()) return new ModelRef("openai", current);
            if (BARE_GEMINI_ID.matcher(current).matches()) return new ModelRef("gemini", current);
            throw problem(
                    location,
                    "unknown model '" + current + "'; expected provider:model (providers: "
                            + String.join(", ", providerNames()) + "), an alias (" + String.join(", ", aliases.keySet())
                            + ") or a Claude model id such as claude-sonnet-4-6");
        }
        throw problem(location, "alias '" + text + "' refers to itself through other aliases");
    }

    private List<String> providerNames() {
        return catalog.all().stream().map(ProviderSpec::name).toList();
    }

    private static RuntimeException problem(SourceLocation location, String message) {
        return location == null ? new UsageException(message) : new ConfigException(location, message);
    }
}
