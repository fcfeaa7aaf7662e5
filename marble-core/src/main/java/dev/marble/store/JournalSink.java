package dev.marble.store;

import dev.marble.error.MarbleException;
import dev.marble.event.Event;
import dev.marble.event.EventJson;
import dev.marble.event.EventSink;
import dev.marble.json.Json;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import dev.marble.secret.RedactedConversation;
import dev.marble.secret.SecretRedactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes what runs do to the journal: each model call (request, response, usage, cost), each run
 * (its goal and how it ended) and each event of a run in order (turns, tool calls, approvals, tool
 * results), on a thread of its own, so a call's
 * latency never includes SQLite: the run's thread only adds the event to a lock-free queue. While events
 * come, the writer drains the queue every {@value #DRAIN_MILLIS} ms and inserts what it finds in one
 * transaction; serialising and redacting happen there too. Once a pause brought nothing, it waits until
 * the next event wakes it: a chain or a worker that runs for days, its links minutes long, would
 * otherwise wake it 50 times a second for nothing. {@link #close()} writes
 * what is queued and waits, so nothing is lost when a command ends or is interrupted.
 *
 * <p>A sink made by {@link #opening} also opens the journal itself, on the writer, when the first
 * event arrives (for {@code marble pipe}, once the answer is in: the answer is printed while SQLite
 * loads), and closes it when it is closed. If it cannot be opened, that is said once, as a write
 * failure is, and the calls are not recorded; each later batch tries again.
 */
public final class JournalSink implements EventSink, AutoCloseable {

    static final long DRAIN_MILLIS = 20;

    private final Supplier<Journal> opener;
    /** Whether this sink opened its journal, and so closes it. */
    private final boolean owner;
    /** The journal and its tables, once open; only the writer thread touches them until it has ended. */
    private Journal journal;

    private CallLog calls;
    private RunLog runs;
    private boolean openFailureSaid;
    private final SecretRedactor redactor;
    /** The next event number of each run; only the writer thread touches it. */
    private final Map<String, Integer> nextSeq = new HashMap<>();
    /** The tree of runs and the totals of the calls below each, as far as this process saw them (writer thread). */
    private final TreeTally tree = new TreeTally();

    private final Consumer<RuntimeException> onFailure;
    private final Queue<Event> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;
    /** The writer found the queue empty and waits to be woken: the next event unparks it, and only that one. */
    private volatile boolean idle;

    private final Thread writer;

    /** A sink writing to {@code journal}, which the caller opened and closes. */
    public JournalSink(Journal journal, SecretRedactor redactor, Consumer<RuntimeException> onFailure) {
        this(() -> journal, false, redactor, onFailure);
    }

    /** A sink that opens its journal with {@code opener} when the first event arrives, and closes it. */
    public static JournalSink opening(
            Supplier<Journal> opener, SecretRedactor redactor, Consumer<RuntimeException> onFailure) {
        return new JournalSink(opener, true, redactor, onFailure);
    }

    private JournalSink(
            Supplier<Journal> opener, boolean owner, SecretRedactor redactor, Consumer<RuntimeException> onFailure) {
        this.opener = opener;
        this.owner = owner;
        this.redactor = redactor;
        this.onFailure = onFailure;
        this.writer = Thread.ofPlatform().name("marble-journal").daemon(true).start(this::drain);
    }

    @Override
    public void accept(Event event) {
        // Deltas are kept whole, with their call; a call's start adds nothing its end does not say.
        if (event instanceof Event.TextDelta || event instanceof Event.ModelCallStarted) return;
        queue.add(event);
        if (idle) LockSupport.unpark(writer);
    }

    /** The writer's state: {@code WAITING} (parked without a timeout) once it is idle. For tests. */
    Thread.State writerState() {
        return writer.getState();
    }

    private void drain() {
        while (true) {
            boolean last = closing;
            List<Event> batch = new ArrayList<>();
            for (Event event = queue.poll(); event != null; event = queue.poll()) batch.add(event);
            if (!batch.isEmpty() && open()) {
                try {
                    write(batch);
                } catch (RuntimeException failure) {
                    onFailure.accept(failure);
                }
            }
            if (last) return;
            if (batch.isEmpty()) {
                // Idle, published before the last look at the queue: an event added after that look sees it and
                // unparks (close too), so none waits for a wake-up that never comes.
                idle = true;
                if (queue.isEmpty() && !closing) LockSupport.park(this);
                idle = false;
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS)); // more may come with these
            }
        }
    }

    /** Whether the journal is open, opening it if need be (on the writer thread). */
    private boolean open() {
        if (journal != null) return true;
        try {
            journal = opener.get();
            calls = new CallLog(journal);
            runs = new RunLog(journal);
            return true;
        } catch (RuntimeException failure) {
            if (!openFailureSaid) {
                openFailureSaid = true;
                onFailure.accept(new MarbleException(failure.getMessage() + "; calls are not being recorded", failure));
            }
            return false;
        }
    }

    private void write(List<Event> batch) {
        List<CallRecord> callRecords = new ArrayList<>();
        List<RunLog.RunRecord> started = new ArrayList<>();
        List<RunLog.RunRecord> finished = new ArrayList<>();
        List<RunLog.EventRecord> eventRecords = new ArrayList<>();
        List<LinkLog.Start> linksStarted = new ArrayList<>();
        List<LinkLog.Finish> linksFinished = new ArrayList<>();
        Map<String, Totals> runTotals = new HashMap<>();
        for (Event event : batch) {
            // instanceof, not a pattern switch, which costs every start a generated class (docs/performance.md).
            if (event instanceof Event.ModelCallFinished f) {
                callRecords.add(tree.called(record(f)));
            } else if (event instanceof Event.ModelCallFailed f) {
                callRecords.add(tree.called(record(f)));
            } else if (event instanceof Event.LinkStarted l) {
                linksStarted.add(tree.linkStarted(l));
            } else if (event instanceof Event.LinkFinished l) {
                linksFinished.add(tree.linkFinished(l, redactor.redact(l.detail())));
            } else if (event instanceof Event.RunStarted r) {
                started.add(new RunLog.RunRecord(
                        r.runId(),
                        r.kind(),
                        r.agent(),
                        r.model().toString(),
                        redactor.redact(r.goal()),
                        r.at().toString(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        tree.started(r)));
            } else if (event instanceof Event.RunFinished r) {
                Totals below = tree.finished(r.runId());
                if (below != null) runTotals.put(r.runId(), below);
                finished.add(new RunLog.RunRecord(
                        r.runId(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        r.at().toString(),
                        r.ending().wireName(),
                        redactor.redact(r.detail()),
                        r.turns(),
                        r.usage().inputTokens(),
                        r.usage().outputTokens(),
                        r.usage().cacheReadTokens(),
                        r.usage().cacheWriteTokens(),
                        r.cost().known() ? r.cost().usd().doubleValue() : null,
                        r.cost().source().name().toLowerCase(Locale.ROOT),
                        null));
            }
            int seq = nextSeq.merge(event.runId(), 1, Integer::sum);
            eventRecords.add(new RunLog.EventRecord(
                    event.runId(),
                    seq,
                    event.at().toString(),
                    EventJson.type(event),
                    Json.write(EventJson.of(event, redactor::redact))));
        }
        journal.transaction(connection -> {
            for (RunLog.RunRecord run : started) runs.start(connection, run);
            for (LinkLog.Start link : linksStarted) LinkLog.start(connection, link);
            calls.insert(connection, callRecords);
            runs.append(connection, eventRecords);
            for (RunLog.RunRecord run : finished) runs.finish(connection, run);
            for (var totals : runTotals.entrySet()) LinkLog.runTotals(connection, totals.getKey(), totals.getValue());
            for (LinkLog.Finish link : linksFinished) LinkLog.finish(connection, link);
        });
    }

    private CallRecord record(Event.ModelCallFailed f) {
        return new CallRecord(
                f.callId(),
                f.runId(),
                f.at().minus(f.latency()).toString(),
                f.requested().provider(),
                f.requested().toString(),
                null,
                "error",
                redact(f.request().system()),
                tools(f.request()),
                options(f.request()),
                messages(f.request()),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                f.latency().toMillis(),
                Math.max(0, f.attempts().size() - 1),
                attempts(f.attempts()),
                redactor.redact(f.error()));
    }

    private CallRecord record(Event.ModelCallFinished f) {
        ChatResponse response = f.response();
        var usage = response.usage();
        return new CallRecord(
                f.callId(),
                f.runId(),
                f.at().minus(f.latency()).toString(),
                response.model().provider(),
                f.requested().toString(),
                response.model().toString(),
                "ok",
                redact(f.request().system()),
                tools(f.request()),
                options(f.request()),
                messages(f.request()),
                Json.write(ConversationJson.message(RedactedConversation.of(response.message(), redactor), false)),
                Json.write(ConversationJson.responseMeta(response)),
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadTokens(),
                usage.cacheWriteTokens(),
                response.cost().known() ? response.cost().usd().doubleValue() : null,
                response.cost().source().name().toLowerCase(Locale.ROOT),
                f.latency().toMillis(),
                response.retries(),
                attempts(response.attempts()),
                null);
    }

    private List<String> messages(ChatRequest request) {
        List<String> out = new ArrayList<>(request.messages().size());
        for (Message message : request.messages()) {
            out.add(Json.write(ConversationJson.message(RedactedConversation.of(message, redactor), false)));
        }
        return out;
    }

    private String tools(ChatRequest request) {
        return request.tools().isEmpty() ? null : Json.write(redactor.redact(ConversationJson.tools(request.tools())));
    }

    private String options(ChatRequest request) {
        var options = ConversationJson.options(request.options());
        return options == null ? null : Json.write(redactor.redact(options));
    }

    private String attempts(List<Attempt> attempts) {
        return Json.write(ConversationJson.attempts(attempts, redactor::redact));
    }

    private String redact(String text) {
        return redactor.redact(text);
    }

    /**
     * Writes everything queued so far, then stops the writer. Waits even when the caller was
     * interrupted (Ctrl+C): the call that was interrupted is exactly the one worth recording.
     */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        boolean interrupted = Thread.interrupted();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
        // Closed only once the writer has ended: a writer still busy past the wait keeps its connection.
        if (owner && journal != null && !writer.isAlive()) journal.close();
    }
}
