package dev.marble.temporal.chain;

import static dev.marble.temporal.TestGit.git;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A git-mode chain's remote as the git-mode tests start from it: a bare {@code origin} on {@code main}, the user's
 * clone {@code client} with one commit holding {@code chains/c.json}, and chain {@code c}'s branch started from it
 * ({@code start}, its commit).
 */
record ChainOrigin(Path origin, Path client, String start) {

    static ChainOrigin create(Path temp) throws Exception {
        Path origin = temp.resolve("origin.git");
        git(temp, "init", "-q", "--bare", "-b", "main", origin.toString());
        Path client = temp.resolve("client");
        git(temp, "clone", "-q", origin.toString(), client.toString());
        Files.createDirectories(client.resolve("chains"));
        Files.writeString(client.resolve("chains/c.json"), "{}");
        git(client, "add", "-A");
        git(client, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "start");
        return new ChainOrigin(origin, client, GitWorkspace.startBranch(client, "c"));
    }
}
