package dev.marble.temporal.chain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which chain a workflow runs: where its project is on the worker that holds it, its file and its name. Paths as
 * text: they travel in the workflow's history.
 *
 * @param workflowId the chain's workflow id ({@link #workflowId})
 * @param project    the project's absolute path
 * @param chainFile  the chain file's absolute path
 * @param chain      the chain's name
 */
public record ChainRef(String workflowId, String project, String chainFile, String chain) {

    /**
     * The id of the workflow that runs {@code chain} of {@code project}: {@code marble-chain/<hash>/<chain>}, the hash
     * of the project's absolute path, so the same chain name in two projects are two chains, and one chain has one
     * running workflow at most (Temporal refuses a second with the same id).
     */
    public static String workflowId(Path project, String chain) {
        String path = project.toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "marble-chain/" + HexFormat.of().formatHex(digest, 0, 6) + "/" + chain;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static ChainRef of(Path project, Path chainFile, String chain) {
        Path root = project.toAbsolutePath().normalize();
        return new ChainRef(
                workflowId(root, chain),
                root.toString(),
                chainFile.toAbsolutePath().normalize().toString(),
                chain);
    }

    public Path projectPath() {
        return Path.of(project);
    }
}
