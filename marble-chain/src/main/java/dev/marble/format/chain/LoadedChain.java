package dev.marble.format.chain;

import dev.marble.chain.ChainSpec;
import dev.marble.config.ConfigWarning;
import java.util.List;

/** A chain file as read: the spec, and what the loader wants a person to know (unknown keys). */
public record LoadedChain(ChainSpec spec, List<ConfigWarning> warnings) {

    public LoadedChain {
        warnings = List.copyOf(warnings);
    }
}
