package dev.marble.format.chain;

import dev.marble.chain.LinkSpec;
import dev.marble.config.ShapeValidator;

/** Reads one validated entry of {@code links} into a {@link LinkSpec}, with llmauto's defaults. */
final class LinkReader {

    private LinkReader() {}

    static LinkSpec read(FieldReader link, int index) {
        String name = link.text("name", "link-" + (index + 1));
        if (!usableAsFileName(name)) {
            throw link.error(
                    "name",
                    "expected a name usable in file names (not blank, no / or \\, not . or ..), got "
                            + ShapeValidator.describe(link.node().get("name")));
        }
        return new LinkSpec(
                index,
                name,
                link.text("role", "worker"),
                blankToNull(link.text("model", null)),
                blankToNull(link.text("fallback_model", null)),
                link.text("prompt", ""),
                link.flag("continue", false),
                link.flag("until_full", false),
                link.flag("telegram_update", false),
                link.flag("skip_unless_assigned", false),
                link.textsOrNull("tools"),
                link.decimalOrNull("budget_usd"),
                link.secondsOrNull("timeout_seconds"),
                link.location());
    }

    /**
     * A link's name becomes part of paths ({@code handoff_<name>.md}, {@code <name>-workspace}), so a
     * separator or {@code ..} would let a chain file write outside its state directory.
     */
    static boolean usableAsFileName(String name) {
        if (name.isBlank() || name.equals(".") || name.equals("..")) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) return false;
        }
        return true;
    }

    /** llmauto treats {@code "model": ""} like an absent model ({@code link.get("model") or default}). */
    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
