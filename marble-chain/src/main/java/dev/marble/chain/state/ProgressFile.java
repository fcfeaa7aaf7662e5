package dev.marble.chain.state;

import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.error.ConfigException;
import dev.marble.json.Json;
import dev.marble.process.ProcessIdentity;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code progress.json}: the durable cursor that lets a chain killed at any moment (kill -9, power
 * loss) resume at the link that did not finish, in the same round, without running a finished link
 * again or losing one.
 *
 * <p>The protocol the runner follows, for link {@code i} of a round:
 * <ol>
 *   <li>{@link StateDir#snapshotHandoff()}: the handoff as the link finds it goes to {@code handoff.before.md};</li>
 *   <li>{@code write(p.starting(new InFlight(i, ...)))}: from here on a restart re-runs link {@code i};</li>
 *   <li>the link runs; then skip protection, {@link StateDir#linkHandoff}, the status guard;</li>
 *   <li>{@code write(p.finished(linkCount, outcome, cost))}: the commit point. {@code inFlight} is
 *       null again and the cursor points at the next link (or round).</li>
 * </ol>
 * On start the runner reads the progress; when {@code inFlight} is set, the link was interrupted: it
 * calls {@link StateDir#restoreHandoffSnapshot()} so the link sees the handoff it saw the first time,
 * and runs {@code inFlight.link()} again in the same round. A kill between steps 1 and 2 loses
 * nothing (the link had not started); a kill between 3 and 4 runs the link again, which is the only
 * safe choice, since its completion was never recorded.
 *
 * <p>Every write is atomic. The completed-round count is mirrored to {@code round_counter.txt}, after
 * {@code progress.json}, so llmauto's tools keep showing the round; {@code progress.json} is the truth.
 * A state directory without {@code progress.json} (new, reset, or llmauto's own) starts at link 0
 * of the round in {@code round_counter.txt}.
 */
public final class ProgressFile {

    static final int VERSION = 1;

    private final StateDir dir;

    public ProgressFile(StateDir dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.dir().resolve(StateDir.PROGRESS);
    }

    public Progress read() {
        Path file = file();
        if (!Files.exists(file)) return Progress.initial(dir.round());
        LocatedDocument document = LocatedDocumentReader.read(file, LocatedDocumentReader.Format.JSON);
        return new Reader(document).progress();
    }

    public void write(Progress p) {
        ObjectNode root = Json.object();
        root.put("version", VERSION);
        root.put("round", p.round());
        root.put("next_link", p.nextLink());
        if (p.inFlight() != null) {
            ObjectNode inFlight = root.putObject("in_flight");
            inFlight.put("link", p.inFlight().link());
            inFlight.put("link_name", p.inFlight().linkName());
            if (p.inFlight().runId() != null)
                inFlight.put("run_id", p.inFlight().runId());
            inFlight.put("started_at", p.inFlight().startedAt().toString());
            if (!p.inFlight().children().isEmpty()) {
                ArrayNode children = inFlight.putArray("children");
                for (Progress.Child child : p.inFlight().children()) {
                    ObjectNode node = children.addObject();
                    node.put("pid", child.process().pid());
                    node.put("started_at", child.process().startedAt().toString());
                    if (child.marker() != null) node.put("marker", child.marker());
                }
            }
        }
        ObjectNode sessions = root.putObject("sessions");
        new TreeMap<>(p.sessions())
                .forEach((link, session) -> sessions.putObject(link)
                        .put("session_id", session.sessionId())
                        .put("started", session.started()));
        root.put("consecutive_failures", p.consecutiveFailures());
        root.put("cost_usd", p.costUsd());
        root.put("active_seconds", p.activeSeconds());
        AtomicFiles.write(file(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        if (dir.round() != p.round()) dir.round(p.round());
    }

    /** Reads one document, reporting a bad value at its line and column. */
    private record Reader(LocatedDocument document) {

        Progress progress() {
            JsonNode root = document.root();
            if (!root.isObject()) throw problem("", null, "expected a JSON object");
            long version = wholeNumber(root, "", "version", VERSION);
            if (version != VERSION) {
                throw problem(
                        "/version",
                        "version",
                        "expected " + VERSION + " (written by another Marble version?), got " + version);
            }
            return new Progress(
                    (int) wholeNumber(root, "", "round", 0),
                    (int) wholeNumber(root, "", "next_link", 0),
                    inFlight(root.get("in_flight")),
                    sessions(root.get("sessions")),
                    (int) wholeNumber(root, "", "consecutive_failures", 0),
                    money(root),
                    wholeNumber(root, "", "active_seconds", 0));
        }

        private Progress.InFlight inFlight(JsonNode node) {
            if (node == null || node.isNull()) return null;
            if (!node.isObject()) throw problem("/in_flight", "in_flight", "expected an object or null");
            return new Progress.InFlight(
                    (int) wholeNumber(node, "/in_flight", "link", -1),
                    text(node, "/in_flight", "link_name", true),
                    text(node, "/in_flight", "run_id", false),
                    instant(node, "/in_flight", "started_at"),
                    children(node.get("children")));
        }

        private List<Progress.Child> children(JsonNode node) {
            List<Progress.Child> children = new ArrayList<>();
            if (node == null || node.isNull()) return children;
            if (!node.isArray())
                throw problem("/in_flight/children", "in_flight.children", "expected a list of processes");
            for (int i = 0; i < node.size(); i++) {
                String at = "/in_flight/children/" + i;
                JsonNode child = node.get(i);
                if (!child.isObject())
                    throw problem(at, "in_flight.children[" + i + "]", "expected {\"pid\": ..., \"started_at\": ...}");
                long pid = wholeNumber(child, at, "pid", -1);
                if (pid == 0) throw problem(at + "/pid", "in_flight.children[" + i + "].pid", "expected a pid, got 0");
                children.add(new Progress.Child(
                        new ProcessIdentity(pid, instant(child, at, "started_at")), text(child, at, "marker", false)));
            }
            return children;
        }

        private Map<String, Progress.LinkSession> sessions(JsonNode node) {
            Map<String, Progress.LinkSession> sessions = new HashMap<>();
            if (node == null || node.isNull()) return sessions;
            if (!node.isObject()) throw problem("/sessions", "sessions", "expected an object of link name to session");
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String pointer = "/sessions/"
                        + JsonPointer.empty()
                                .appendProperty(entry.getKey())
                                .toString()
                                .substring(1);
                JsonNode session = entry.getValue();
                if (!session.isObject())
                    throw problem(
                            pointer, "sessions." + entry.getKey(), "expected {\"session_id\": ..., \"started\": ...}");
                JsonNode started = session.get("started");
                if (started != null && !started.isBoolean()) {
                    throw problem(
                            pointer + "/started", "sessions." + entry.getKey() + ".started", "expected true or false");
                }
                sessions.put(
                        entry.getKey(),
                        new Progress.LinkSession(
                                text(session, pointer, "session_id", true), started != null && started.booleanValue()));
            }
            return sessions;
        }

        private long wholeNumber(JsonNode node, String at, String field, long fallback) {
            JsonNode value = node.get(field);
            if (value == null) {
                if (fallback < 0)
                    throw problem(at, dotted(at, field), "is missing; expected a whole number of at least 0");
                return fallback;
            }
            if (!value.isIntegralNumber()
                    || !value.canConvertToInt() && !field.equals("active_seconds")
                    || value.asLong() < 0) {
                throw problem(
                        at + "/" + field, dotted(at, field), "expected a whole number of at least 0, got " + value);
            }
            return value.asLong();
        }

        private String text(JsonNode node, String at, String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) throw problem(at, dotted(at, field), "is missing; expected a string");
                return null;
            }
            if (!value.isString())
                throw problem(at + "/" + field, dotted(at, field), "expected a string, got " + value);
            return value.stringValue();
        }

        private Instant instant(JsonNode node, String at, String field) {
            String text = text(node, at, field, true);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw problem(
                        at + "/" + field,
                        dotted(at, field),
                        "expected an instant like 2026-03-01T13:05:09Z, got \"" + text + "\"");
            }
        }

        private BigDecimal money(JsonNode root) {
            JsonNode value = root.get("cost_usd");
            if (value == null) return BigDecimal.ZERO;
            if (!value.isNumber() || value.decimalValue().signum() < 0) {
                throw problem("/cost_usd", "cost_usd", "expected a number of dollars of at least 0, got " + value);
            }
            return value.decimalValue();
        }

        private static String dotted(String at, String field) {
            String parent = at.isEmpty() ? "" : at.substring(1).replace('/', '.') + ".";
            return parent + field;
        }

        private ConfigException problem(String pointer, String field, String message) {
            return new ConfigException(document.valueAt(JsonPointer.compile(pointer), field), message);
        }
    }
}
