package dev.marble.cli;

import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code -o KEY VALUE} model options, as llm-loop takes them. Known keys become typed options and
 * are checked here; any other key is passed to the provider as is, its value read as JSON when it
 * parses (numbers, true/false, objects) and as a string otherwise.
 */
final class ModelOptionParser {

    private ModelOptionParser() {}

    static void apply(List<String> pairs, ChatOptions.Builder options) {
        if (pairs == null) return;
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String key = pairs.get(i);
            String value = pairs.get(i + 1);
            switch (key.toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "max_tokens", "maxtokens" -> options.maxTokens(whole(key, value));
                case "temperature" -> options.temperature(decimal(key, value));
                case "top_p" -> options.topP(decimal(key, value));
                case "stop" -> options.stopSequences(Arrays.asList(value.split(",")));
                case "thinking_budget", "thinking_budget_tokens" -> options.thinkingBudgetTokens(whole(key, value));
                case "prompt_caching", "cache" -> options.promptCaching(flag(key, value));
                default -> options.extra(key, json(value));
            }
        }
    }

    private static int whole(String key, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 1) throw new NumberFormatException();
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("-o " + key + ": expected a positive whole number, got '" + value + "'");
        }
    }

    private static double decimal(String key, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("-o " + key + ": expected a number, got '" + value + "'");
        }
    }

    private static boolean flag(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new UsageException("-o " + key + ": expected true or false, got '" + value + "'");
        };
    }

    private static JsonNode json(String value) {
        try {
            return Json.parse(value);
        } catch (JacksonException notJson) {
            return Json.mapper().getNodeFactory().stringNode(value);
        }
    }
}
