package dev.marble.temporal.chain;

import java.nio.file.Path;

/**
 * A worker's JVM reduced to one git call: fetches chain {@code c} into the clone {@code args[0]}, whose remote
 * hangs, with the default limit, so that {@link GitHangsTest} can kill this JVM with SIGKILL while git runs.
 */
public final class GitHangMain {

    private GitHangMain() {}

    public static void main(String[] args) {
        Path clone = Path.of(args[0]);
        ChainRef chain = new ChainRef(
                ChainRef.workflowId(clone, "c"),
                clone.toString(),
                clone.resolve("chains/c.json").toString(),
                "c",
                new ChainRef.Git("chains/c.json", "0".repeat(40)));
        try {
            new GitWorkspace(clone, "w1").fetch(chain);
            System.out.println("fetched");
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }
}
