package dev.marble.secret;

import dev.marble.config.Environment;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment tools run in (run_command's shell, MCP servers started over stdio, Java tools that ask):
 * Marble's own minus every variable that holds a secret (see {@link SecretRedactor#isSecretVariable}), plus
 * those the user passes through by name ({@code tools.env.pass}). A model that runs {@code env} then finds no
 * key to print or send anywhere.
 */
public final class ToolEnvironment {

    private ToolEnvironment() {}

    public static Environment of(Environment marble, SecretRedactor secrets, Collection<String> passed) {
        Set<String> pass = Set.copyOf(passed);
        Map<String, String> kept = new HashMap<>();
        marble.variables().forEach((name, value) -> {
            if (pass.contains(name) || !secrets.isSecretVariable(name, value)) kept.put(name, value);
        });
        return new Environment(kept, marble.workingDirectory(), marble.home());
    }
}
