package dev.marble.cli;

import dev.marble.error.UsageException;

/**
 * Whether {@code marble run} shows the full-screen view. As llm-do: at a terminal a {@code .worker} project gets it
 * by default; {@code --headless}, {@code --json} and {@code -q} keep the line output, as does any standard input or
 * output that is not a terminal (a pipe, a file, a script). {@code --tui} asks for it and is refused, as a usage
 * error, where it cannot work or contradicts another flag.
 *
 * @param asked    {@code --tui} was given
 * @param headless {@code --headless}: nobody is there to press a key
 * @param json     {@code --json} or {@code --json-format}: a program reads the output
 * @param quiet    {@code -q}: only the answer
 */
record TuiChoice(boolean asked, boolean headless, boolean json, boolean quiet) {

    /**
     * @param workerProject the files include a {@code .worker} file (llm-do's shape; LLMProc's programs keep lines)
     * @throws UsageException when {@code --tui} was asked for and cannot be had
     */
    boolean fullScreen(boolean workerProject, boolean stdinIsTerminal, boolean stdoutIsTerminal) {
        if (asked) {
            if (headless) throw new UsageException("--tui and --headless do not go together: choose one");
            if (json) throw new UsageException("--tui and --json do not go together: JSON is for programs");
            if (quiet) throw new UsageException("--tui and -q do not go together: -q prints only the answer");
            if (!stdinIsTerminal || !stdoutIsTerminal)
                throw new UsageException("--tui needs a terminal on standard input and output; use --headless in"
                        + " scripts and pipes");
            return true;
        }
        return workerProject && !headless && !json && !quiet && stdinIsTerminal && stdoutIsTerminal;
    }
}
