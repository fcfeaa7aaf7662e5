package dev.marble.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.error.NoModelException;
import dev.marble.model.ModelRef;
import dev.marble.provider.http.HttpTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which a model is chosen when none is named: flag, MARBLE_MODEL, project, global, the machine. */
class DefaultModelChooserTest {

    @TempDir
    Path temp;

    private final Map<String, String> variables =
            new HashMap<>(Map.of("PATH", "/nonexistent", "OLLAMA_HOST", "127.0.0.1:9")); // port 9: nothing listens

    private DefaultModelChooser chooser() {
        Environment env = new Environment(variables, temp.resolve("project"), temp.resolve("home"));
        MarbleConfig config = ConfigLoader.load(env);
        ProviderCatalog catalog = ProviderCatalog.load(config, env);
        return new DefaultModelChooser(
                config, env, new ModelResolver(catalog, config), catalog, new OllamaModels(HttpTransport.create()));
    }

    private void write(String relative, String json) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void mostSpecificFirst() throws IOException {
        Files.createDirectories(temp.resolve("project"));
        variables.put("ANTHROPIC_API_KEY", "sk-ant-test-key-123456");
        assertThat(chooser().choose(null).ref()).isEqualTo(new ModelRef("anthropic", "claude-sonnet-4-6"));

        write("home/.config/marble/config.json", "{\"default_model\": \"openai:gpt-4.1\"}");
        assertThat(chooser().choose(null)).satisfies(c -> {
            assertThat(c.ref()).isEqualTo(new ModelRef("openai", "gpt-4.1"));
            assertThat(c.source()).startsWith("global config");
        });

        write("project/marble.json", "{\"default_model\": \"openai:gpt-4.1-mini\"}");
        assertThat(chooser().choose(null).source()).startsWith("project config");

        variables.put("MARBLE_MODEL", "ollama:qwen3");
        assertThat(chooser().choose(null).ref()).isEqualTo(new ModelRef("ollama", "qwen3"));

        assertThat(chooser().choose("anthropic:claude-haiku-4-5")).satisfies(c -> {
            assertThat(c.ref()).isEqualTo(new ModelRef("anthropic", "claude-haiku-4-5"));
            assertThat(c.source()).isEqualTo("command line");
        });
    }

    @Test
    void machineOffersKeysThenTheClaudeCli() throws IOException {
        Files.createDirectories(temp.resolve("project"));
        variables.put("OPENAI_API_KEY", "sk-test-openai-key-1234567890");
        assertThat(chooser().choose(null).ref()).isEqualTo(new ModelRef("openai", "gpt-4.1-mini"));

        variables.remove("OPENAI_API_KEY");
        variables.put("GOOGLE_API_KEY", "AIza-test-google-key-1234567890");
        assertThat(chooser().choose(null)).satisfies(c -> {
            assertThat(c.ref()).isEqualTo(new ModelRef("gemini", "gemini-2.5-flash"));
            assertThat(c.source()).isEqualTo("GOOGLE_API_KEY is set");
        });
        variables.put("GEMINI_API_KEY", "AIza-test-gemini-key-1234567890");
        assertThat(chooser().choose(null).source()).isEqualTo("GEMINI_API_KEY is set");

        variables.remove("GOOGLE_API_KEY");
        variables.remove("GEMINI_API_KEY");
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path claude = Files.writeString(bin.resolve("claude"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        variables.put("PATH", bin.toString());
        assertThat(chooser().choose(null)).satisfies(c -> {
            assertThat(c.ref()).isEqualTo(new ModelRef("claude-code", "sonnet"));
            assertThat(c.source()).isEqualTo("claude is on PATH");
        });
    }

    @Test
    void aRunningOllamaOffersItsFirstModel() throws IOException {
        Files.createDirectories(temp.resolve("project"));
        // A real HTTP server on loopback, answering as Ollama does at GET /api/tags.
        var ollama = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ollama.createContext("/api/tags", exchange -> {
            byte[] body = "{\"models\":[{\"name\":\"qwen3:8b\"},{\"name\":\"llama3.2:3b\"}]}".getBytes();
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ollama.start();
        try {
            variables.put("OLLAMA_HOST", "127.0.0.1:" + ollama.getAddress().getPort());
            assertThat(chooser().choose(null)).satisfies(c -> {
                assertThat(c.ref()).isEqualTo(new ModelRef("ollama", "qwen3:8b"));
                assertThat(c.source()).isEqualTo("Ollama is running");
            });
        } finally {
            ollama.stop(0);
        }
    }

    @Test
    void noneListsEveryWayAndTheOfflineExample() throws IOException {
        Files.createDirectories(temp.resolve("project"));
        assertThatThrownBy(() -> chooser().choose(null))
                .isInstanceOf(NoModelException.class)
                .hasMessageContaining("-m provider:model")
                .hasMessageContaining("MARBLE_MODEL")
                .hasMessageContaining("ANTHROPIC_API_KEY")
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("GEMINI_API_KEY")
                .hasMessageContaining("claude")
                .hasMessageContaining("Ollama")
                .hasMessageContaining("scripted:examples/hello/replies.yaml");
    }
}
