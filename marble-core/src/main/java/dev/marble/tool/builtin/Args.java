package dev.marble.tool.builtin;

import tools.jackson.databind.JsonNode;

/**
 * Reads tool arguments. Marble has checked them against the schema already; these checks only
 * make a tool safe to call directly (tests, other callers) and give the model a clear message.
 */
final class Args {

    private Args() {}

    static String string(JsonNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || !value.isString())
            throw new ToolFailure("the argument '" + name + "' (a string) is required");
        return value.stringValue();
    }

    static String string(JsonNode args, String name, String fallback) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) return fallback;
        if (!value.isString()) throw new ToolFailure("the argument '" + name + "' must be a string");
        return value.stringValue();
    }

    static int integer(JsonNode args, String name, int fallback, int minimum, int maximum) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) return fallback;
        if (!value.isIntegralNumber()) throw new ToolFailure("the argument '" + name + "' must be a whole number");
        long number = value.asLong();
        if (number < minimum || number > maximum) {
            throw new ToolFailure(
                    "the argument '" + name + "' must be between " + minimum + " and " + maximum + ", not " + number);
        }
        return (int) number;
    }

    static boolean flag(JsonNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw new ToolFailure("the argument '" + name + "' must be true or false");
        return value.booleanValue();
    }
}
