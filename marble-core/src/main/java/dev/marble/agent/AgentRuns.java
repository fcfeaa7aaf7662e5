package dev.marble.agent;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.secret.SecretRedactor;

/**
 * Where sessions and delegations get their runs: the engine assembled for a process ({@code dev.marble.Marble}
 * implements it). Sessions and delegate tools need runs built the same way as every other run (the model stack,
 * the tool gate, the events), but they live in the engine's agent package, which must not reach up to the
 * assembly that is built on top of it; this is the part of the assembly they use.
 */
public interface AgentRuns {

    /** A run ready to start: the spec's model with its fallbacks, its tools behind the request's gate. */
    AgentRun agentRun(AgentRunRequest request);

    /** The configuration the runs are built with (approval rules, the delegation depth). */
    MarbleConfig config();

    /** What removes secrets from everything the runs write. */
    SecretRedactor redactor();

    /** The environment the runs were started in (its working directory is a session's default workspace). */
    Environment environment();
}
