package dev.marble.process;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.error.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox as configured: {@code "sandbox": "auto" | "bwrap" | "off"}, or in full
 * {@code "sandbox": {"mode": ..., "network": "none" | "loopback" | "full", "hide": [PATH, ...]}}, with
 * {@code --sandbox} on the command line over both. Each value keeps where it was set, for error messages.
 */
public record SandboxSettings(Setting<SandboxMode> mode, Setting<NetworkAccess> network, List<Path> hide) {

    public SandboxSettings {
        hide = List.copyOf(hide);
    }

    /** What {@code --sandbox} says is the source of a mode given on the command line. */
    public static final String FLAG = "--sandbox";

    /** No configuration: auto, no network, nothing hidden beyond the usual places. */
    public static final SandboxSettings DEFAULTS =
            new SandboxSettings(Setting.ofDefault(SandboxMode.AUTO), Setting.ofDefault(NetworkAccess.NONE), List.of());

    /** Reads the settings; {@code flag} (null when not given) overrides the configured mode. */
    public static SandboxSettings from(MarbleConfig config, Environment environment, SandboxMode flag) {
        Setting<SandboxMode> mode;
        Setting<JsonNode> written = config.find("sandbox")
                .filter(s -> s.value().isString())
                .or(() -> config.find("sandbox.mode"))
                .orElse(null);
        if (flag != null) {
            mode = new Setting<>(flag, FLAG, null);
        } else if (written != null) {
            mode = written.map(node -> SandboxMode.parse(node.stringValue()).orElseThrow()); // the schema checked it
        } else {
            mode = Setting.ofDefault(SandboxMode.AUTO);
        }
        return new SandboxSettings(mode, network(config), hide(config, environment));
    }

    private static Setting<NetworkAccess> network(MarbleConfig config) {
        Setting<JsonNode> network = config.find("sandbox.network").orElse(null);
        if (network == null) return Setting.ofDefault(NetworkAccess.NONE);
        if (network.value().isArray()) {
            // A host list needs a proxy reachable from the sandbox's own network namespace, which Marble does not
            // have: refused, rather than quietly widened to every host or narrowed to none.
            throw new ConfigException(
                    network.location(),
                    "a list of hosts is not supported yet (it needs a proxy"
                            + " into the sandbox); use \"none\" or \"loopback\" (no network), or \"full\" (the "
                            + "machine's network)");
        }
        return network.map(node -> NetworkAccess.parse(node.stringValue()).orElseThrow());
    }

    private static List<Path> hide(MarbleConfig config, Environment environment) {
        Setting<JsonNode> hide = config.find("sandbox.hide").orElse(null);
        if (hide == null) return List.of();
        List<Path> paths = new ArrayList<>();
        for (JsonNode item : hide.value()) {
            String text = item.stringValue();
            Path path = text.startsWith("~/") ? environment.home().resolve(text.substring(2)) : Path.of(text);
            if (!path.isAbsolute()) {
                throw new ConfigException(hide.location(), "\"" + text + "\" is neither absolute nor starts with ~/");
            }
            paths.add(path.normalize());
        }
        return paths;
    }
}
