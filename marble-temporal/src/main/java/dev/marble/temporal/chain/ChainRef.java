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
 * @param git        in git mode, the chain file within the repository and the branch's expected head; null when
 *                   pinned
 */
public record ChainRef(String workflowId, String project, String chainFile, String chain, Git git) {

    /**
     * git mode: where the chain file is in the repository (each worker has its own clone, at its own path), and the
     * head of the chain's branch the workflow expects (the last step's push).
     */
    public record Git(String chainFile, String base) {}

    /** This chain, its branch expected at {@code base}. */
    ChainRef at(String base) {
        return git == null ? this : new ChainRef(workflowId, project, chainFile, chain, new Git(git.chainFile(), base));
    }

    /** This chain as a worker sees it in its own checkout {@code dir} of the branch. */
    ChainRef in(Path dir) {
        return new ChainRef(
                workflowId, dir.toString(), dir.resolve(git.chainFile()).toString(), chain, git);
    }

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
                chain,
                null);
    }

    public Path projectPath() {
        return Path.of(project);
    }
}
