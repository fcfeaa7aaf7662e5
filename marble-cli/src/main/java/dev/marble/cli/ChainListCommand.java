package dev.marble.cli;

import dev.marble.chain.ChainFileException;
import dev.marble.chain.ChainSpec;
import dev.marble.format.chain.ChainCatalog;
import dev.marble.format.chain.ChainLoader;
import dev.marble.json.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code marble chain list}: the chains in chains/, each with links, mode and description (or why it cannot load). */
@Command(
        name = "list",
        description = "List the chains in chains/ with their links, mode and description.",
        footer = {"  marble chain list", "  marble chain list -C ~/llmauto   # an llmauto checkout"})
final class ChainListCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ChainHomeOption home;

    /** An array: each chain's name, file, links, mode and description, or the error that keeps it from loading. */
    @Mixin
    JsonOption json;

    ChainListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChainHome chainHome = home.resolve(context);
        List<ChainCatalog.Entry> entries = chainHome.catalog().list();
        if (json.enabled()) {
            ArrayNode all = Json.array();
            for (ChainCatalog.Entry entry : entries) all.add(asJson(entry));
            context.out().println(Json.write(all));
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            context.out().println("No chains in " + chainHome.root().resolve("chains") + ".");
            return ExitCodes.OK;
        }
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (ChainCatalog.Entry entry : entries) {
            context.out().println(String.format("%-" + width + "s  %s", entry.name(), entry.summary()));
        }
        return ExitCodes.OK;
    }

    private ObjectNode asJson(ChainCatalog.Entry entry) {
        ObjectNode out = Json.object();
        out.put("name", entry.name());
        out.put("file", entry.file().toString());
        try {
            ChainSpec spec = ChainLoader.load(
                            entry.file(), List.of(), context.environment().home())
                    .spec();
            out.put("links", spec.links().size());
            out.put("mode", spec.mode().wireName());
            out.put(
                    "description",
                    spec.description().isBlank() ? null : spec.description().strip());
            out.putNull("error");
        } catch (ChainFileException e) {
            out.putNull("links");
            out.putNull("mode");
            out.putNull("description");
            out.put("error", e.getMessage());
        }
        return out;
    }
}
