package dev.marble.cli;

import dev.marble.json.Json;
import dev.marble.secret.OAuthTokenStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ObjectNode;

/** {@code marble oauth logout}: forgets a provider's stored tokens (the file goes when no provider is left). */
@Command(
        name = "logout",
        description = {
            "Forget the stored tokens of a provider.",
            "Removes its entry from oauth.json in the config directory. Exit 0 also when there was nothing to forget."
        },
        footer = {"  marble oauth logout --provider anthropic"})
final class OAuthLogoutCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    OAuthProviderOption provider;

    /** {"provider", "removed", "file"}. */
    @Mixin
    JsonOption json;

    OAuthLogoutCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        OAuthTokenStore store = OAuthTokenStore.of(context.environment(), context.redactor());
        String name = provider.provider.id();
        boolean removed = store.remove(name);
        if (json.enabled()) {
            ObjectNode out = Json.object();
            out.put("provider", name);
            out.put("removed", removed);
            out.put("file", store.file().toString());
            context.out().println(Json.write(out));
        } else if (removed) {
            context.out().println("Logged out of " + name + ": removed its tokens from " + store.file() + ".");
        } else {
            context.out().println("Not logged in to " + name + "; nothing to remove.");
        }
        return ExitCodes.OK;
    }
}
