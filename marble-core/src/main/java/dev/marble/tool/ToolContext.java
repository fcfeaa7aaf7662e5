package dev.marble.tool;

import dev.marble.config.Environment;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a tool may know of the run that calls it. Java tools receive it by declaring a parameter of
 * this type.
 */
public interface ToolContext {

    /** The run this call belongs to, as the journal records it. */
    String runId();

    /** The model's id for this call. */
    String toolCallId();

    /**
     * The folder file and shell tools work in, and may not leave ({@code -C DIR}; the working
     * directory by default).
     */
    Path workspace();

    /** Environment variables, working directory and home, as the run sees them. */
    Environment environment();

    /** How long this call may still take before it is stopped. */
    Duration remaining();

    /** Reports progress of a long call; shown with --tools-debug and kept in the journal. */
    default void progress(String message) {}
}
