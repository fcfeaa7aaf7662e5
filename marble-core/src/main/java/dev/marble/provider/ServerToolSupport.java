package dev.marble.provider;

import dev.marble.error.UsageException;
import dev.marble.model.ModelRef;
import dev.marble.model.ServerTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which providers run which {@link ServerTool}s, checked before a run starts: a provider that cannot run one would
 * leave it out of its request and the agent would run without it, unnoticed (as {@code web_search} once was).
 */
public final class ServerToolSupport {

    /** By provider type: Anthropic's Messages API runs web search, web fetch and code execution. */
    private static final Map<String, Set<ServerTool.Kind>> BY_TYPE = Map.of(
            "anthropic", Set.of(ServerTool.Kind.WEB_SEARCH, ServerTool.Kind.WEB_FETCH, ServerTool.Kind.CODE_EXECUTION));

    private ServerToolSupport() {}

    /**
     * Refuses, in one line, a run whose model (or a fallback) cannot run every server tool asked for.
     *
     * @throws UsageException naming the tools, the model and its provider
     */
    public static void check(
            List<ServerTool> tools, ModelRef model, List<ModelRef> fallbacks, ProviderCatalog catalog) {
        if (tools.isEmpty()) return;
        List<ModelRef> models = new ArrayList<>(List.of(model));
        models.addAll(fallbacks);
        for (ModelRef ref : models) {
            String type = catalog.find(ref.provider()).map(ProviderSpec::type).orElse(ref.provider());
            Set<ServerTool.Kind> runs = BY_TYPE.getOrDefault(type, Set.of());
            List<String> missing = tools.stream()
                    .map(ServerTool::kind)
                    .filter(kind -> !runs.contains(kind))
                    .map(ServerTool.Kind::wireName)
                    .distinct()
                    .toList();
            if (!missing.isEmpty()) {
                throw new UsageException("server_side_tools: " + String.join(", ", missing) + " cannot run on " + ref
                        + " (provider type " + type + "); only Anthropic's API runs server tools (web_search, "
                        + "web_fetch, code_execution): use an anthropic: model or remove them from the worker");
            }
        }
    }
}
