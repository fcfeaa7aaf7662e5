package dev.marble.ui;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Handoffs as HTML. A handoff is written by a model, so it is hostile text: raw HTML in it is escaped (shown, not
 * run) and link targets such as {@code javascript:} are dropped.
 */
public final class MarkdownView {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private MarkdownView() {}

    public static String render(String markdown) {
        if (markdown == null || markdown.isBlank()) return "<p class=\"muted\">(empty)</p>";
        return RENDERER.render(PARSER.parse(markdown));
    }
}
