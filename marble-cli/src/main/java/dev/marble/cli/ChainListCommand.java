package dev.marble.cli;

import dev.marble.chain.ChainCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code marble chain list}: the chains in chains/, each with links, mode and description (or why it cannot load). */
@Command(name = "list", description = "List the chains in chains/ with their links, mode and description.",
        footer = {
                "  marble chain list",
                "  marble chain list -C ~/llmauto   # an llmauto checkout"})
final class ChainListCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ChainHomeOption home;

    ChainListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChainHome chainHome = home.resolve(context);
        List<ChainCatalog.Entry> entries = chainHome.catalog().list();
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
}
