package dev.marble.cli;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.error.UsageException;
import dev.marble.secret.OAuthTokenStore;
import dev.marble.secret.OAuthTokens;
import dev.marble.secret.oauth.OAuthEndpoints;
import dev.marble.secret.oauth.OAuthLogin;
import dev.marble.secret.oauth.OAuthTokenClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code marble oauth login}: the authorization code flow with PKCE against the provider's authorization server,
 * the browser coming back to a one-shot server on 127.0.0.1. The URL is always printed (a machine without a browser
 * logs in from another one through an SSH tunnel to the port), and opened only where a desktop is there to open it.
 */
@Command(
        name = "login",
        description = {
            "Log in with your Claude Pro/Max subscription and store the tokens.",
            "Prints the authorization URL (and opens it where a desktop browser is available), waits for the browser"
                    + " to come back to 127.0.0.1, and stores the tokens in oauth.json (mode 0600) in the config"
                    + " directory. The URL goes to standard error; --json prints what 'oauth status --json' does."
        },
        footer = {
            "  marble oauth login --provider anthropic",
            "  marble oauth login --provider anthropic --no-browser --timeout 600"
        })
final class OAuthLoginCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    OAuthProviderOption provider;

    @Option(names = "--no-browser", description = "Only print the URL; do not try to open a browser.")
    boolean noBrowser;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "How long to wait for the browser to come back (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** The status document of the provider, as 'marble oauth status --json' prints it. */
    @Mixin
    JsonOption json;

    OAuthLoginCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) throw new UsageException("--timeout must be at least 1 second, got " + timeoutSeconds);
        Environment environment = context.environment();
        OAuthEndpoints endpoints = OAuthEndpoints.anthropic(environment, ConfigLoader.load(environment));
        OAuthTokenStore store = OAuthTokenStore.of(environment, context.redactor());
        OAuthLogin login = new OAuthLogin(
                endpoints,
                new OAuthTokenClient(endpoints, HttpClient.newHttpClient(), Clock.systemUTC()),
                store,
                new SecureRandom());
        OAuthTokens tokens = login.login(this::show, Duration.ofSeconds(timeoutSeconds));
        if (json.enabled()) {
            new OAuthStatusCommand(context).print(provider.provider.id(), store, Optional.of(tokens));
        } else {
            context.out()
                    .println("Logged in to " + provider.provider.id() + "; tokens stored in " + store.file() + ".");
        }
        return ExitCodes.OK;
    }

    private void show(String url) {
        context.err().println("Open this URL in a browser to log in to " + provider.provider.id() + ":");
        context.err().println();
        context.err().println("  " + url);
        context.err().println();
        if (!noBrowser && openInBrowser(url)) context.err().println("(Opened it in your browser.)");
        context.err().println("Waiting for the browser to come back (up to " + timeoutSeconds + " seconds)...");
    }

    /** xdg-open under a desktop session, open on macOS; nothing on a server, where the printed URL is the way. */
    private boolean openInBrowser(String url) {
        Environment environment = context.environment();
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        boolean desktop = mac
                || environment.get("DISPLAY").isPresent()
                || environment.get("WAYLAND_DISPLAY").isPresent();
        if (!desktop) return false;
        Optional<java.nio.file.Path> opener = environment.findExecutable(mac ? "open" : "xdg-open");
        if (opener.isEmpty()) return false;
        try {
            new ProcessBuilder(opener.get().toString(), url)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return true;
        } catch (IOException cannotStart) {
            return false;
        }
    }
}
