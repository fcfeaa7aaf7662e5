package dev.marble.config;

/**
 * How large a file of one kind may be. Checked before the file is parsed, from its size on disk and
 * again while reading (a file may grow, or be a pipe), so that a huge file costs one refusal rather
 * than minutes of parsing and gigabytes of memory: a {@code .worker} whose front matter held one
 * 50 MB value took 822 s and about 6 GB before its error.
 *
 * @param kind  what the file is, as the error names it ("a definition file")
 * @param bytes the most it may have
 */
public record FileSizeLimit(String kind, long bytes) {

    private static final long MIB = 1024 * 1024;

    /** Configuration, chain, {@code .worker}, {@code .toml}, MCP and state files: written by people, small. */
    public static final FileSizeLimit DEFINITION = new FileSizeLimit("a definition or configuration file", MIB);
    /** Replays of model answers (the {@code scripted:} provider), which may hold long texts. */
    public static final FileSizeLimit REPLAY = new FileSizeLimit("a replay file", 4 * MIB);
    /** Saved conversations, which hold every tool result and attachment of a long run. */
    public static final FileSizeLimit CONVERSATION = new FileSizeLimit("a conversation file", 64 * MIB);

    public FileSizeLimit {
        if (bytes < 1 || bytes >= Integer.MAX_VALUE)
            throw new IllegalArgumentException("no size limit of " + bytes + " bytes");
    }

    /** The limit as people read it: "1 MiB". */
    public String shown() {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }
}
