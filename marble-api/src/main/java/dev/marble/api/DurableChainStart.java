package dev.marble.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A chain to start on a {@link DurableEngine}.
 *
 * @param project   the folder the chain works in, with its {@code chains/}, {@code prompts/}, {@code state/} and
 *                  {@code logs/}; a worker that holds it (the same path on its machine) runs the links
 * @param chainFile the chain file
 * @param chain     the chain's name
 * @param worker    the worker whose own queue the chain is pinned to, or null: the first worker to take the chain
 */
public record DurableChainStart(Path project, Path chainFile, String chain, String worker) {

    public DurableChainStart {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(chainFile, "chainFile");
        Objects.requireNonNull(chain, "chain");
    }
}
