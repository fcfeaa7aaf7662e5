package dev.marble.ui;

/** Text made inert for HTML: everything the dashboard shows from a file or the journal passes through here. */
public final class Html {

    private Html() {}

    /** Escapes {@code text} for an element's content or a quoted attribute; null is the empty string. */
    public static String escape(Object text) {
        if (text == null) return "";
        String s = text.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A path segment of a link the dashboard builds from a chain name or run id. */
    public static String segment(String value) {
        return escape(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }
}
