package dev.marble.ui;

/** The frame around every page: head, navigation, the CSRF token for the scripts, and {@code <main>}. */
final class Layout {

    private Layout() {}

    static String page(String title, String csrfToken, String main) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="marble-csrf" content="%s">
                <title>%s · marble</title>
                <link rel="stylesheet" href="/assets/marble.css">
                <script src="/assets/marble.js" defer></script>
                </head><body>
                <header><a class="brand" href="/">marble</a>
                <nav><a href="/">Chains</a> <a href="/runs">Runs</a></nav>
                <span id="live" class="live" title="updates as the chains and the journal change">live</span></header>
                <main id="main">%s</main>
                </body></html>
                """.formatted(Html.escape(csrfToken), Html.escape(title), main);
    }
}
