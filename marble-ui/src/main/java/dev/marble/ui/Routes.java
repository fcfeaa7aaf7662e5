package dev.marble.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.marble.json.Json;
import dev.marble.store.RunLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ArrayNode;

/** Every path of the dashboard, behind the {@link AccessPolicy}. */
final class Routes implements HttpHandler {

    private static final String FRAGMENT_HEADER = "X-Marble-Fragment";
    private static final int RUN_LIMIT = 100;
    private static final int CHAIN_LINKS = Dashboard.CHAIN_LINKS;

    private final AccessPolicy policy;
    private final ChainBoard board;
    private final RunHistory history;
    private final ChangeFeed feed;

    Routes(AccessPolicy policy, ChainBoard board, RunHistory history, ChangeFeed feed) {
        this.policy = policy;
        this.board = board;
        this.history = history;
        this.feed = feed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            secureHeaders(exchange);
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!policy.hostAllowed(host)) {
                send(exchange, 403, "text/plain", "403: this dashboard answers to 127.0.0.1 and localhost only");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String presented = presentedToken(exchange, query);
            if (!policy.tokenAccepted(presented)) {
                send(exchange, 403, "text/plain", "403: the access token is missing or wrong");
                return;
            }
            if (policy.accessToken().isPresent() && query.containsKey(AccessPolicy.TOKEN_PARAMETER)) {
                exchange.getResponseHeaders()
                        .add(
                                "Set-Cookie",
                                AccessPolicy.TOKEN_COOKIE + "=" + presented + "; Path=/; HttpOnly; SameSite=Strict");
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("POST")) {
                post(exchange, host, path);
            } else if (method.equals("GET") || method.equals("HEAD")) {
                get(exchange, path, query);
            } else {
                send(exchange, 405, "text/plain", "405: GET or POST");
            }
        } catch (RuntimeException e) {
            // the page says what went wrong in one line; the server goes on
            try {
                send(exchange, 500, "text/plain", "500: " + e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                // the response had begun; the browser sees a cut-off page
            }
        }
    }

    private void post(HttpExchange exchange, String host, String path) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String csrf = exchange.getRequestHeaders().getFirst(AccessPolicy.CSRF_HEADER);
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (!policy.postAllowed(origin, host, csrf) || (site != null && !site.equals("same-origin"))) {
            send(exchange, 403, "application/json", Json.write(ApiJson.message(false, "cross-site request refused")));
            return;
        }
        List<String> parts = segments(path);
        if (parts.size() == 4 && parts.get(0).equals("api") && parts.get(1).equals("chains")) {
            Optional<ChainAction> action = ChainAction.ofWireName(parts.get(3));
            if (action.isEmpty()) {
                send(exchange, 404, "application/json", Json.write(ApiJson.message(false, "no such action")));
                return;
            }
            if (board.chain(parts.get(2)).isEmpty()) {
                send(exchange, 404, "application/json", Json.write(ApiJson.message(false, "no such chain")));
                return;
            }
            ChainBoard.ActionResult result = board.act(parts.get(2), action.get());
            send(
                    exchange,
                    result.ok() ? 200 : 409,
                    "application/json",
                    Json.write(ApiJson.message(result.ok(), result.message())));
            return;
        }
        send(exchange, 404, "application/json", Json.write(ApiJson.message(false, "not found")));
    }

    private void get(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        List<String> parts = segments(path);
        boolean fragment = "1".equals(exchange.getRequestHeaders().getFirst(FRAGMENT_HEADER));
        if (parts.isEmpty()) {
            page(exchange, "Chains", chainsPage(), fragment);
        } else if (parts.get(0).equals("chains") && parts.size() == 2) {
            Optional<ChainDetail> chain = board.chain(parts.get(1));
            if (chain.isEmpty()) notFound(exchange);
            else
                page(
                        exchange,
                        "Chain " + parts.get(1),
                        ChainPages.chain(chain.get(), history.chainLinks(parts.get(1), CHAIN_LINKS + 1), CHAIN_LINKS),
                        fragment);
        } else if (parts.get(0).equals("runs") && parts.size() == 1) {
            RunQuery runQuery = runQuery(query);
            page(
                    exchange,
                    "Runs",
                    RunPages.list(history.runs(runQuery, RUN_LIMIT), runQuery, history.file()),
                    fragment);
        } else if (parts.get(0).equals("runs") && parts.size() == 2) {
            Optional<RunLog.RunTree> run = history.run(parts.get(1));
            if (run.isEmpty()) notFound(exchange);
            else page(exchange, "Run", RunPages.run(run.get(), history.events(parts.get(1))), fragment);
        } else if (parts.get(0).equals("events") && parts.size() == 1) {
            stream(exchange);
        } else if (parts.get(0).equals("assets") && parts.size() == 2) {
            asset(exchange, parts.get(1));
        } else if (parts.get(0).equals("api")) {
            api(exchange, parts, query);
        } else {
            notFound(exchange);
        }
    }

    private String chainsPage() {
        List<ChainFacts> chains = board.chains();
        Map<String, LinkRow> last = new LinkedHashMap<>();
        for (ChainFacts chain : chains) {
            List<LinkRow> links = history.chainLinks(chain.name(), 1);
            if (!links.isEmpty()) last.put(chain.name(), links.getLast());
        }
        return ChainPages.list(chains, last);
    }

    private void api(HttpExchange exchange, List<String> parts, Map<String, String> query) throws IOException {
        if (parts.size() == 2 && parts.get(1).equals("chains")) {
            ArrayNode all = Json.array();
            for (ChainFacts chain : board.chains()) {
                List<LinkRow> links = history.chainLinks(chain.name(), 1);
                all.add(ApiJson.chain(chain, links.isEmpty() ? null : links.getLast()));
            }
            send(exchange, 200, "application/json", Json.write(all));
        } else if (parts.size() == 3 && parts.get(1).equals("chains")) {
            Optional<ChainDetail> chain = board.chain(parts.get(2));
            if (chain.isEmpty()) notFound(exchange);
            else
                send(
                        exchange,
                        200,
                        "application/json",
                        Json.write(ApiJson.chainDetail(chain.get(), history.chainLinks(parts.get(2), CHAIN_LINKS))));
        } else if (parts.size() == 2 && parts.get(1).equals("runs")) {
            ArrayNode all = Json.array();
            for (RunLog.RunTree tree : history.runs(runQuery(query), RUN_LIMIT)) all.add(ApiJson.run(tree));
            send(exchange, 200, "application/json", Json.write(all));
        } else if (parts.size() == 3 && parts.get(1).equals("runs")) {
            Optional<RunLog.RunTree> run = history.run(parts.get(2));
            if (run.isEmpty()) notFound(exchange);
            else
                send(
                        exchange,
                        200,
                        "application/json",
                        Json.write(ApiJson.runWithEvents(run.get(), history.events(parts.get(2)))));
        } else {
            notFound(exchange);
        }
    }

    /** One server-sent-event stream per page; it ends when the page goes (its write fails) or the server stops. */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        BlockingQueue<String> outbox = new ArrayBlockingQueue<>(16);
        ChangeFeed.Listener listener = event -> {
            outbox.offer(event); // a page that lags behind misses a nudge, not a fact: it reloads all at the next
            return true;
        };
        body.write("retry: 2000\n: hello\n\n".getBytes(StandardCharsets.UTF_8));
        body.flush();
        feed.add(listener);
        try {
            while (true) {
                String event = outbox.poll(30, TimeUnit.SECONDS);
                body.write((event == null ? ": idle\n\n" : event).getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the page closed or the server stops
        } finally {
            feed.remove(listener);
        }
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        String type = name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript" : null;
        if (type == null || !name.matches("[a-z]+\\.(css|js)")) {
            notFound(exchange);
            return;
        }
        try (InputStream in = Routes.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                notFound(exchange);
                return;
            }
            send(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void page(HttpExchange exchange, String title, String main, boolean fragment) throws IOException {
        send(exchange, 200, "text/html", fragment ? main : Layout.page(title, policy.csrfToken(), main));
    }

    private void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "text/html", Layout.page("Not found", policy.csrfToken(), "<h1>Not found</h1>"));
    }

    private static void secureHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                        + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }

    private String presentedToken(HttpExchange exchange, Map<String, String> query) {
        String fromQuery = query.get(AccessPolicy.TOKEN_PARAMETER);
        if (fromQuery != null) return fromQuery;
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer "))
            return auth.substring("Bearer ".length()).strip();
        for (String cookies : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : cookies.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(AccessPolicy.TOKEN_COOKIE + "="))
                    return c.substring(AccessPolicy.TOKEN_COOKIE.length() + 1);
            }
        }
        return null;
    }

    static RunQuery runQuery(Map<String, String> query) {
        LocalDate date = null;
        String day = query.get("date");
        if (day != null && !day.isBlank()) {
            try {
                date = LocalDate.parse(day.strip());
            } catch (DateTimeParseException ignored) {
                // not a date: no filter on it
            }
        }
        return new RunQuery(query.get("q"), query.get("model"), date, query.get("outcome"));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
