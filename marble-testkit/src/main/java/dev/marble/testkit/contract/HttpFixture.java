package dev.marble.testkit.contract;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeModelServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP provider as users reach it: environment variables and configuration read by a real
 * {@link Marble}, the provider made by its factory, a fake server speaking the wire on loopback. A
 * third-party provider is reached the same way: its factory found through {@code ServiceLoader}, named by
 * the {@code providers} section of {@code projectJson}.
 */
public final class HttpFixture implements ProviderFixture {

    private final FakeModelServer server;
    private final Marble marble;
    private final ModelRef ref;

    /**
     * @param variables   the environment Marble sees (base URLs, keys)
     * @param projectJson the project's {@code marble.json}, or null for none
     * @param ref         the model under test, as a user would name it
     */
    public HttpFixture(FakeModelServer server, Map<String, String> variables, String projectJson, ModelRef ref) {
        this.server = server;
        this.ref = ref;
        try {
            Path project = Files.createTempDirectory("marble-contract");
            if (projectJson != null) Files.writeString(project.resolve("marble.json"), projectJson);
            this.marble = Marble.start(new Environment(variables, project, project), warning -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeModelServer server() {
        return server;
    }

    public Marble marble() {
        return marble;
    }

    @Override
    public ProviderFixture answer(FakeReply reply) {
        server.enqueue(reply);
        return this;
    }

    @Override
    public ChatModel model() {
        return marble.providerModel(ref);
    }

    @Override
    public Optional<SeenRequest> lastRequest() {
        return server.requestCount() == 0 ? Optional.empty() : Optional.of(server.lastRequest());
    }

    @Override
    public void close() {
        marble.close();
        server.close();
    }
}
