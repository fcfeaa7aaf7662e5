package dev.marble.chain.run;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.PromptResolver;
import java.util.Objects;

/**
 * What one chain start is made of: its decisions (the chain and the shutdown conditions, {@link ChainStep}), where
 * its prompts come from, the files that configure it, what runs its links, and where it works.
 */
public record ChainParts(
        ChainStep step, PromptResolver prompts, ChainConfiguration configuration, LinkRunner links, ChainPlace place) {

    public ChainParts {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(place, "place");
    }

    public ChainSpec chain() {
        return step.chain();
    }
}
