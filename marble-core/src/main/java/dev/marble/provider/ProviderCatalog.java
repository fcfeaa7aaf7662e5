package dev.marble.provider;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import tools.jackson.databind.JsonNode;

/**
 * Every provider a model reference can name: the built-in ones each factory found with {@link ServiceLoader} offers
 * ({@link ProviderFactory#builtIns}, base URLs taken from the environment as the official SDKs take them), those
 * configured under {@code providers} (which may also redefine a built-in name), and models registered in code.
 */
public final class ProviderCatalog {

    /** The model part a reference to a registered instance carries when the caller names none. */
    public static final String REGISTERED_DEFAULT_MODEL = "default";

    /**
     * By position, then name. Written out: {@code Comparator.comparing} makes its lambdas at run time, which the
     * start-up cache cannot hold (a few ms of every command that starts Marble; docs/performance.md).
     */
    private static final Comparator<BuiltInProvider> LISTING_ORDER = new Comparator<>() {
        @Override
        public int compare(BuiltInProvider a, BuiltInProvider b) {
            int byPosition = Integer.compare(a.position(), b.position());
            return byPosition != 0
                    ? byPosition
                    : a.spec().name().compareTo(b.spec().name());
        }
    };

    private final Map<String, ProviderSpec> specs;
    private final Map<String, ProviderFactory> factories;
    /** Factories of instances registered in code, by provider name; they win over {@link #factories} for that name. */
    private final Map<String, ProviderFactory> registered = new LinkedHashMap<>();

    private ProviderCatalog(Map<String, ProviderSpec> specs, Map<String, ProviderFactory> factories) {
        this.specs = specs;
        this.factories = factories;
    }

    /** What {@link #declareFactories} declared, or null: the class path is searched. */
    private static volatile List<ProviderFactory> declared;

    /**
     * The factories {@link ServiceLoader} would find, declared by a program whose class path is fixed when it is
     * built (Marble's command line, whose launcher puts nothing but Marble's jar on it): searching opens every jar on
     * the class path to read its service files, which for Marble's jar of 9,000 entries is a few per cent of a short
     * command's start. Every catalog loaded after this call offers exactly these; a library's users, whose class
     * path is theirs, never call it.
     */
    public static void declareFactories(List<ProviderFactory> factories) {
        declared = List.copyOf(factories);
    }

    /** The factories on the class path, found with {@link ServiceLoader}, in the order its service files list them. */
    public static List<ProviderFactory> onClassPath() {
        List<ProviderFactory> found = new ArrayList<>();
        ServiceLoader.load(ProviderFactory.class, ProviderCatalog.class.getClassLoader())
                .forEach(found::add);
        return found;
    }

    public static ProviderCatalog load(MarbleConfig config, Environment environment) {
        List<ProviderFactory> found = declared != null ? declared : onClassPath();
        Map<String, ProviderFactory> factories = new LinkedHashMap<>();
        for (ProviderFactory factory : found) factories.putIfAbsent(factory.type(), factory);
        Map<String, ProviderSpec> specs = new LinkedHashMap<>();
        // Where two factories offer one name, the earlier position wins: a jar on the class path cannot take over
        // "anthropic" by being found first.
        found.stream()
                .flatMap(factory -> factory.builtIns(environment).stream())
                .sorted(LISTING_ORDER)
                .forEach(builtIn -> specs.putIfAbsent(builtIn.spec().name(), builtIn.spec()));
        for (Map.Entry<String, Setting<JsonNode>> entry :
                config.entries("providers").entrySet()) {
            JsonNode node = entry.getValue().value();
            specs.put(
                    entry.getKey(),
                    new ProviderSpec(
                            entry.getKey(),
                            Json.text(node, "type"),
                            Json.text(node, "base_url"),
                            Json.text(node, "api_key_env"),
                            Json.text(node, "default_model"),
                            false,
                            entry.getValue().source()));
        }
        return new ProviderCatalog(specs, factories);
    }

    /**
     * Makes {@code model} the provider called {@code name}: every reference {@code name:…} gets that instance. A
     * name already known (built in or configured) is replaced, as marble.json may redefine a built-in name, so
     * that a test can put its own model behind {@code anthropic}.
     *
     * @return the spec now registered under {@code name}
     */
    public synchronized ProviderSpec register(String name, ChatModel model) {
        if (name == null || name.isBlank() || !name.strip().equals(name) || name.contains(":")) {
            throw new IllegalArgumentException(
                    "a provider name is a non-blank word without ':' or spaces around it," + " got '" + name + "'");
        }
        ProviderSpec spec = new ProviderSpec(
                name, RegisteredModelFactory.TYPE, null, null, REGISTERED_DEFAULT_MODEL, false, "registered in code");
        registered.put(name, new RegisteredModelFactory(model));
        specs.put(name, spec);
        return spec;
    }

    public synchronized Optional<ProviderSpec> find(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    public synchronized Collection<ProviderSpec> all() {
        return List.copyOf(specs.values());
    }

    public synchronized Optional<ProviderFactory> factory(ProviderSpec spec) {
        ProviderFactory instance = registered.get(spec.name());
        if (instance != null && spec.equals(specs.get(spec.name()))) return Optional.of(instance);
        return Optional.ofNullable(factories.get(spec.type()));
    }
}
