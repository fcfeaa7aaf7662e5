/**
 * Python tool files (llm-loop's {@code --functions dev_tools.py}, llm-do's {@code tools.py}) run as they are: Marble
 * starts its own small host program ({@code marble_host.py}, standard library only) once per file and run with the
 * user's {@code python3} (or {@code MARBLE_PYTHON}), and talks to it in JSON lines. The host lists the file's tools
 * with schemas from their type hints, runs them, and lets a tool call back into Marble ({@code ctx.deps.call}) for
 * workers and tools of the run. The process runs in the tool environment (no secrets), is killed when a call
 * overruns its time limit (and started again for the next call), and never outlives the run.
 */
package dev.marble.tool.python;
