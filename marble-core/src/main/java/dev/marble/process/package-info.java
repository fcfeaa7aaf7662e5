/**
 * Starting processes so that none outlives its limit: {@link dev.marble.process.CommandLauncher} starts
 * every command Marble runs (the shell tool's, the Claude Code CLI's), inside a {@link dev.marble.process.Sandbox}
 * where one is chosen, and {@link dev.marble.process.LaunchedCommand#stop()} ends the command together with
 * everything it started, including what double-forked or left its session.
 *
 * <p>Two layers, because each has gaps the other fills. Inside bubblewrap the command is in a PID namespace of
 * its own that dies with it and with Marble, and sees only the workspace writable, no secrets and no network.
 * Outside it (and around it) Linux's plain means: each command in a session of its own, every process it starts
 * marked with an environment variable that {@code /proc} is searched for, the command's parent-death signal,
 * and one watcher per Marble process that ends every marked process when Marble dies however it dies.
 */
package dev.marble.process;
