package dev.marble.api;

import dev.marble.chain.ChainMode;
import dev.marble.chain.state.StateDir;
import dev.marble.error.UsageException;
import dev.marble.format.chain.ChainLoader;
import dev.marble.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chain written in code. It becomes a chain file ({@code chains/NAME.json} under a project), checked by the same
 * loader as a file written by hand, because a chain's identity is its file: its state, its lock and
 * {@code marble chain status} all go by it. Keys are llmauto's; see docs/chains.md.
 */
public final class ChainBuilder {

    private final String name;
    private final ObjectNode root = Json.object();
    private final ArrayNode links = root.putArray("links");

    ChainBuilder(String name) {
        Objects.requireNonNull(name, "name");
        if (!StateDir.isSafeName(name)) {
            throw new UsageException("chain name '" + name + "': expected letters, digits, '.', '_' or '-'");
        }
        this.name = name;
    }

    public ChainBuilder description(String text) {
        root.put("description", text);
        return this;
    }

    /** {@link ChainMode#LOOP} (the default), {@link ChainMode#ONCE} or {@link ChainMode#DEADEND}. */
    public ChainBuilder mode(ChainMode mode) {
        Objects.requireNonNull(mode, "mode");
        root.put("mode", mode.wireName());
        return this;
    }

    /** Rounds before the chain stops; 0 for no limit (the default is llmauto's). */
    public ChainBuilder maxRounds(int rounds) {
        root.put("max_rounds", rounds);
        return this;
    }

    public ChainBuilder budgetUsd(double usd) {
        root.put("budget_usd", usd);
        return this;
    }

    /** The model of links that name none. */
    public ChainBuilder defaultModel(String model) {
        defaults().put("model", model);
        return this;
    }

    /** A prompt kept in the chain file, which links name by {@code key}. */
    public ChainBuilder prompt(String key, String text) {
        ObjectNode prompts = root.has("prompts") ? (ObjectNode) root.get("prompts") : root.putObject("prompts");
        prompts.put(key, text);
        return this;
    }

    /**
     * A link named after its role ({@code worker}, {@code reviewer}, {@code controller}).
     *
     * @param model  a model reference, or null for the chain's default
     * @param prompt a prompt key, a prompt file or the prompt's text
     */
    public ChainBuilder link(String role, String model, String prompt) {
        return link(role, role, model, prompt, null);
    }

    /** A link with its own name and, unless null, its own tools ({@code files}, {@code shell}, a .java file, mcp:FILE).
     * */
    public ChainBuilder link(String linkName, String role, String model, String prompt, List<String> tools) {
        ObjectNode link = links.addObject();
        link.put("name", linkName);
        link.put("role", role);
        if (model != null) link.put("model", model);
        link.put("prompt", prompt);
        if (tools != null) tools.forEach(link.putArray("tools")::add);
        return this;
    }

    /** The chain as llmauto's JSON. */
    public String toJson() {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /**
     * Writes {@code chains/NAME.json} under {@code project}, replacing one of that name, and checks it as
     * {@code marble chain start} would; a mistake is the same located error a hand-written file gets, and the file
     * that was there before is put back.
     */
    public Path writeTo(Path project) {
        Path file = project.toAbsolutePath().normalize().resolve("chains").resolve(name + ".json");
        Path previous = file.resolveSibling("." + name + ".json.previous");
        try {
            Files.createDirectories(file.getParent());
            boolean existed = Files.exists(file);
            if (existed) Files.copy(file, previous, StandardCopyOption.REPLACE_EXISTING);
            Path partial = file.resolveSibling("." + name + ".json.partial");
            Files.writeString(partial, toJson() + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try {
                ChainLoader.load(file, List.of(), project);
            } catch (RuntimeException invalid) {
                if (existed)
                    Files.move(previous, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                else Files.deleteIfExists(file);
                throw invalid;
            }
            Files.deleteIfExists(previous);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode defaults() {
        return root.has("defaults") ? (ObjectNode) root.get("defaults") : root.putObject("defaults");
    }
}
