package dev.marble.chain.run;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.PromptResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a chain run is configured by: Marble's configuration files in effect, the chain file, the
 * files its links' prompts are read from, and its links' tool files ({@code .java} and {@code .jar}
 * tools, {@code mcp:CONFIG} servers, as the links' {@code tools} lists name them). An agent that could
 * change one could change what the chain's next link or next start may do; the run protects them from
 * its agents' file tools while it runs and fingerprints them for the next start.
 *
 * @param files absolute and normalized, each once
 */
public record ChainConfiguration(List<Path> files) {

    public ChainConfiguration {
        files = List.copyOf(files);
    }

    /**
     * @param toolBase     what a link's relative tool file names are relative to (the working directory the
     *                     links' tools are built in)
     * @param marbleFiles  the configuration files Marble read ({@code marble.json}, the global {@code config.json})
     */
    public static ChainConfiguration of(
            ChainSpec chain, PromptResolver prompts, Path toolBase, List<Path> marbleFiles) {
        Set<Path> files = new LinkedHashSet<>();
        marbleFiles.forEach(file -> files.add(absolute(file, toolBase)));
        if (chain.file() != null) files.add(absolute(chain.file(), toolBase));
        prompts.files(chain).forEach(file -> files.add(absolute(file, toolBase)));
        for (LinkSpec link : chain.links()) {
            for (String entry : link.tools() == null ? List.<String>of() : link.tools()) {
                toolFile(entry).ifPresent(name -> files.add(absolute(Path.of(name), toolBase)));
            }
        }
        return new ChainConfiguration(new ArrayList<>(files));
    }

    /** The file a {@code tools} entry names, as the API's ChainTools reads the entry; none for files and shell. */
    private static Optional<String> toolFile(String entry) {
        if (entry.startsWith("mcp:") && entry.length() > 4) return Optional.of(entry.substring(4));
        if (entry.endsWith(".java") || entry.endsWith(".jar")) return Optional.of(entry);
        return Optional.empty();
    }

    private static Path absolute(Path file, Path base) {
        return base.resolve(file).toAbsolutePath().normalize();
    }
}
