package dev.marble.secret;

import dev.marble.config.ConfigLayer;
import dev.marble.config.ConfigSchema;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Shape;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Which environment variables hold secrets: those whose name says so ({@code *API_KEY*}, {@code *TOKEN*},
 * {@code *SECRET*}, {@code *PASSWORD*}, {@code *AUTH} and the like, in any case), and those that configuration
 * names as holding one: every {@code *_env} key ({@code providers.X.api_key_env}, {@code telegram.bot_token_env})
 * in any layer, and the defaults the schema gives such keys. {@link SecretRedactor#isSecretVariable} combines
 * both with the names registered while Marble runs; that is the one answer every guard asks.
 */
public final class SecretVariables {

    /** Parts of a name that mark it secret wherever they appear in it. */
    private static final List<String> SECRET_PARTS = List.of(
            "API_KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PRIVATE_KEY", "CREDENTIAL", "SESSION_KEY");
    /** "AUTH" is too common inside names (OAUTH_REDIRECT_URL, AUTHOR); only a name ending in it is secret (NPM_AUTH).
     * */
    private static final String SECRET_SUFFIX = "AUTH";

    private static final String ENV_KEY_SUFFIX = "_env";
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SecretVariables() {}

    /** Whether the name alone marks the variable secret. */
    public static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String part : SECRET_PARTS) {
            if (upper.contains(part)) return true;
        }
        return upper.endsWith(SECRET_SUFFIX);
    }

    /**
     * Every variable configuration names as holding a secret: the value of each {@code *_env} key in every
     * layer (whether or not its provider is ever used), and the schema's defaults for such keys.
     */
    public static Set<String> namedIn(MarbleConfig config) {
        Set<String> names = new LinkedHashSet<>();
        collectDefaults(ConfigSchema.ROOT, names);
        for (ConfigLayer layer : config.layers()) collect(layer.document().root(), names);
        return names;
    }

    /** The {@code *_env} values anywhere in a configuration tree (also one that is not Marble's, such as a chain file).
     * */
    public static void collect(JsonNode node, Set<String> names) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, names));
            return;
        }
        if (!node.isObject()) return;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (isEnvKey(entry.getKey())
                    && value.isString()
                    && VARIABLE_NAME.matcher(value.stringValue()).matches()) {
                names.add(value.stringValue());
            } else {
                collect(value, names);
            }
        }
    }

    private static void collectDefaults(Shape.Fields fields, Set<String> names) {
        for (Shape.Field field : fields.fields().values()) {
            if (field.shape() instanceof Shape.Fields nested) collectDefaults(nested, names);
            if (isEnvKey(field.name()) && field.defaultValue() instanceof String variable && !variable.isBlank()) {
                names.add(variable);
            }
        }
    }

    private static boolean isEnvKey(String key) {
        return key.toLowerCase(Locale.ROOT).endsWith(ENV_KEY_SUFFIX);
    }
}
