package dev.marble.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marble oauth}: llm-do-oauth's commands, logging in to a provider with a subscription instead of a key. */
@Command(
        name = "oauth",
        description = {
            "Log in with a Claude Pro/Max subscription instead of a key.",
            "Anthropic OAuth: 'login' opens the authorization page, 'status' shows what is stored, 'logout' forgets it. The anthropic"
                    + " provider uses the stored token when ANTHROPIC_API_KEY is not set. llm-do-oauth's commands."
        },
        footer = {
            "  marble oauth login --provider anthropic",
            "  marble oauth status --provider anthropic",
            "  marble oauth logout --provider anthropic"
        })
final class OAuthCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
