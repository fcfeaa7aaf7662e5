package dev.marble.otel;

import dev.marble.event.Event;
import dev.marble.event.EventExporter;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Usage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns Marble's events into spans and metrics after the OpenTelemetry GenAI conventions: a chain run is
 * {@code invoke_workflow {chain}}, with a span per round and per link below it; an agent run is
 * {@code invoke_agent {agent}} (under its link, or under the tool call that delegated it); a model call is
 * {@code chat {model}} (CLIENT); a tool call is {@code execute_tool {tool}}. A top-level run or a chain run starts
 * a trace of its own. Events come from several threads (delegated runs run in parallel), so the span tree is
 * kept under this object's lock; each event is a few map operations.
 */
final class OtelEventListener implements EventExporter {

    /** What happens to the spans once they end: sent after each link and top-level run, and at the end. */
    interface Delivery {
        void flush();

        void close();
    }

    /** A chain run's span and the round open under it; a round ends with its last link or when the next begins. */
    private static final class ChainSpans {
        final Span workflow;
        final String name;
        final int lastLink;
        Span round;
        int roundNumber;

        ChainSpans(Span workflow, String name, int lastLink) {
            this.workflow = workflow;
            this.name = name;
            this.lastLink = lastLink;
        }

        void endRound(Instant at) {
            if (round != null) round.end(at);
            round = null;
        }
    }

    private record RunSpan(Span span, boolean chain) {}

    private final Tracer tracer;
    private final GenAiMetrics metrics;
    private final ContentCapture capture;
    private final Semconv semconv;
    private final Function<String, Optional<ServerAddress>> servers;
    private final Delivery delivery;

    private final Map<String, RunSpan> runs = new HashMap<>();
    private final Map<String, ChainSpans> chains = new HashMap<>();
    private final Map<String, Span> links = new HashMap<>(); // by the link's agent run id
    private final Map<String, Span> calls = new HashMap<>();
    private final Map<String, Attributes> callAttributes = new HashMap<>();
    private final Map<String, Deque<Span>> openTools = new HashMap<>(); // by run id, newest last
    private final Map<String, Span> tools = new HashMap<>(); // by run id + tool call id
    private boolean closed;

    OtelEventListener(
            OpenTelemetry otel,
            ContentCapture capture,
            Semconv semconv,
            Function<String, Optional<ServerAddress>> servers,
            Delivery delivery) {
        this.tracer = otel.getTracer("dev.marble");
        this.metrics = new GenAiMetrics(otel.getMeter("dev.marble"), semconv);
        this.capture = capture;
        this.semconv = semconv;
        this.servers = servers;
        this.delivery = delivery;
    }

    @Override
    public synchronized void accept(Event event) {
        if (closed) return;
        switch (event) {
            case Event.RunStarted started -> runStarted(started);
            case Event.ModelCallStarted started -> callStarted(started);
            case Event.ModelCallFinished finished -> callFinished(finished);
            case Event.ModelCallFailed failed -> callFailed(failed);
            case Event.ToolCalled called -> toolCalled(called);
            case Event.ApprovalRequested requested -> {
                Span tool = tools.get(toolKey(requested.runId(), requested.toolCallId()));
                if (tool != null) tool.addEvent("marble.approval.requested", requested.at());
            }
            case Event.ApprovalDecided decided -> approvalDecided(decided);
            case Event.ToolReturned returned -> toolReturned(returned);
            case Event.LinkStarted started -> linkStarted(started);
            case Event.LinkFinished finished -> linkFinished(finished);
            case Event.ChainNote note -> {
                // A note may quote a link's answer ("worker: OK: ..."), so it is content: only when captured.
                ChainSpans chain = chains.get(note.runId());
                if (chain != null && capture.enabled())
                    chain.workflow.addEvent(
                            "marble.chain.note",
                            Attributes.of(AttributeKey.stringKey("marble.note"), capture.text(note.text())),
                            note.at());
            }
            case Event.RunFinished finished -> runFinished(finished);
            case Event.TurnStarted ignored -> {}
            case Event.AttemptFailed ignored -> {} // counted on the call's span as marble.retries
            case Event.TextDelta ignored -> {}
        }
    }

    private void runStarted(Event.RunStarted started) {
        if ("chain".equals(started.kind())) {
            Span workflow = tracer.spanBuilder(GenAi.INVOKE_WORKFLOW + " " + started.agent())
                    .setSpanKind(SpanKind.INTERNAL)
                    .setParent(Context.root())
                    .setStartTimestamp(started.at())
                    .setAttribute(GenAi.OPERATION_NAME, GenAi.INVOKE_WORKFLOW)
                    // The latest conventions name a workflow as they name an agent.
                    .setAttribute(semconv.latest() ? GenAi.AGENT_NAME : GenAi.WORKFLOW_NAME, started.agent())
                    .setAttribute(GenAi.CONVERSATION_ID, started.runId())
                    .setAttribute(GenAi.CHAIN_NAME, started.agent())
                    .setAttribute(GenAi.RUN_ID, started.runId())
                    .startSpan();
            int lastLink = started.tools() == null ? -1 : started.tools().size() - 1;
            chains.put(started.runId(), new ChainSpans(workflow, started.agent(), lastLink));
            runs.put(started.runId(), new RunSpan(workflow, true));
            return;
        }
        ModelRef model = started.model();
        SpanBuilder builder = tracer.spanBuilder(GenAi.INVOKE_AGENT + " " + started.agent())
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(parentOf(started))
                .setStartTimestamp(started.at())
                .setAttribute(GenAi.OPERATION_NAME, GenAi.INVOKE_AGENT)
                .setAttribute(GenAi.AGENT_NAME, started.agent())
                .setAttribute(GenAi.CONVERSATION_ID, started.runId())
                .setAttribute(GenAi.RUN_ID, started.runId())
                .setAttribute(GenAi.RUN_KIND, started.kind());
        if (model != null) {
            // The latest conventions leave the provider off an internal agent span: its chat spans carry it.
            if (!semconv.latest()) builder.setAttribute(GenAi.PROVIDER_NAME, ProviderNames.of(model.provider()));
            builder.setAttribute(GenAi.REQUEST_MODEL, model.model());
        }
        Span span = builder.startSpan();
        if (capture.enabled() && started.goal() != null)
            span.setAttribute(GenAi.INPUT_MESSAGES, capture.userMessage(started.goal()));
        runs.put(started.runId(), new RunSpan(span, false));
    }

    /** A link's run under its link; a delegated run under the tool call that started it; else a trace of its own. */
    private Context parentOf(Event.RunStarted started) {
        Span link = links.get(started.runId());
        if (link != null) return Context.root().with(link);
        String parent = started.parentRunId();
        if (parent != null) {
            Deque<Span> open = openTools.get(parent);
            if (open != null && !open.isEmpty()) return Context.root().with(open.peekLast());
            RunSpan parentRun = runs.get(parent);
            if (parentRun != null) return Context.root().with(parentRun.span());
        }
        return Context.root();
    }

    private Context runContext(String runId) {
        RunSpan run = runs.get(runId);
        return run == null ? Context.root() : Context.root().with(run.span());
    }

    private void callStarted(Event.ModelCallStarted started) {
        ModelRef model = started.model();
        AttributesBuilder common = Attributes.builder()
                .put(GenAi.OPERATION_NAME, GenAi.CHAT)
                .put(GenAi.PROVIDER_NAME, ProviderNames.of(model.provider()))
                .put(GenAi.REQUEST_MODEL, model.model());
        servers.apply(model.provider())
                .ifPresent(server ->
                        common.put(GenAi.SERVER_ADDRESS, server.host()).put(GenAi.SERVER_PORT, (long) server.port()));
        Attributes attributes = common.build();
        SpanBuilder builder = tracer.spanBuilder(GenAi.CHAT + " " + model.model())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(runContext(started.runId()))
                .setStartTimestamp(started.at())
                .setAllAttributes(attributes)
                .setAttribute(GenAi.CONVERSATION_ID, started.runId());
        Integer maxTokens = started.request().options().maxTokens();
        if (maxTokens != null) builder.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) maxTokens);
        Span span = builder.startSpan();
        if (capture.enabled()) {
            if (started.request().system() != null)
                span.setAttribute(
                        GenAi.SYSTEM_INSTRUCTIONS,
                        capture.systemInstructions(started.request().system()));
            span.setAttribute(GenAi.INPUT_MESSAGES, capture.inputMessages(started.request()));
        }
        calls.put(started.callId(), span);
        callAttributes.put(started.callId(), attributes);
    }

    private void callFinished(Event.ModelCallFinished finished) {
        Span span = calls.remove(finished.callId());
        Attributes common = callAttributes.remove(finished.callId());
        if (span == null) return;
        ChatResponse response = finished.response();
        String finishReason = response.rawStopReason() != null
                ? response.rawStopReason()
                : response.stopReason().name().toLowerCase(Locale.ROOT);
        span.setAttribute(GenAi.RESPONSE_MODEL, response.model().model());
        if (response.responseId() != null) span.setAttribute(GenAi.RESPONSE_ID, response.responseId());
        span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, List.of(finishReason));
        Usage usage = response.usage();
        long input = inputTokens(usage);
        span.setAttribute(GenAi.USAGE_INPUT_TOKENS, input);
        span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.outputTokens());
        span.setAttribute(GenAi.USAGE_CACHE_READ, usage.cacheReadTokens());
        span.setAttribute(cacheWriteKey(), usage.cacheWriteTokens());
        span.setAttribute(GenAi.RETRIES, (long) response.retries());
        cost(span, response.cost());
        if (capture.enabled())
            span.setAttribute(
                    GenAi.OUTPUT_MESSAGES, capture.outputMessages(response.message(), messageFinish(finishReason)));
        span.end(finished.at());
        Attributes withResponse = common.toBuilder()
                .put(GenAi.RESPONSE_MODEL, response.model().model())
                .build();
        metrics.tokens(withResponse, input, usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens());
        metrics.duration(withResponse, finished.latency());
    }

    private AttributeKey<Long> cacheWriteKey() {
        return semconv.latest() ? GenAi.USAGE_CACHE_WRITE : GenAi.USAGE_CACHE_CREATION;
    }

    /** The latest conventions keep the finish reason in gen_ai.response.finish_reasons only, not in the message. */
    private String messageFinish(String finishReason) {
        return semconv.latest() ? null : finishReason;
    }

    /** The conventions count cached tokens as input (and break them out beside); Marble's usage keeps them apart. */
    private static long inputTokens(Usage usage) {
        return usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens();
    }

    private void callFailed(Event.ModelCallFailed failed) {
        Span span = calls.remove(failed.callId());
        Attributes common = callAttributes.remove(failed.callId());
        if (span == null) return;
        String errorType = ErrorTypes.of(failed.error());
        span.setAttribute(GenAi.ERROR_TYPE, errorType);
        span.setAttribute(GenAi.RETRIES, (long) Math.max(0, failed.attempts().size() - 1));
        span.setStatus(StatusCode.ERROR, capture.text(failed.error()));
        span.end(failed.at());
        metrics.duration(common.toBuilder().put(GenAi.ERROR_TYPE, errorType).build(), failed.latency());
    }

    private void toolCalled(Event.ToolCalled called) {
        Span span = tracer.spanBuilder(GenAi.EXECUTE_TOOL + " " + called.tool())
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(runContext(called.runId()))
                .setStartTimestamp(called.at())
                .setAttribute(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
                .setAttribute(GenAi.TOOL_NAME, called.tool())
                .setAttribute(GenAi.TOOL_CALL_ID, called.toolCallId())
                .setAttribute(GenAi.TOOL_TYPE, "function")
                .startSpan();
        if (called.source() != null) span.setAttribute(GenAi.TOOL_SOURCE, called.source());
        if (capture.enabled() && called.arguments() != null)
            span.setAttribute(GenAi.TOOL_CALL_ARGUMENTS, capture.json(called.arguments()));
        tools.put(toolKey(called.runId(), called.toolCallId()), span);
        openTools.computeIfAbsent(called.runId(), id -> new ArrayDeque<>()).addLast(span);
    }

    private void approvalDecided(Event.ApprovalDecided decided) {
        Span span = tools.get(toolKey(decided.runId(), decided.toolCallId()));
        if (span == null) return;
        span.setAttribute(GenAi.APPROVAL_DECISION, decided.allowed() ? "allowed" : "denied");
        if (decided.decidedBy() != null) span.setAttribute(GenAi.APPROVAL_DECIDED_BY, decided.decidedBy());
    }

    private void toolReturned(Event.ToolReturned returned) {
        Span span = tools.remove(toolKey(returned.runId(), returned.toolCallId()));
        if (span == null) return;
        Deque<Span> open = openTools.get(returned.runId());
        if (open != null) open.remove(span);
        if (returned.isError()) {
            span.setAttribute(GenAi.ERROR_TYPE, "tool_error");
            span.setStatus(StatusCode.ERROR);
        }
        if (capture.enabled()) span.setAttribute(GenAi.TOOL_CALL_RESULT, capture.text(returned.content()));
        span.end(returned.at());
    }

    private void linkStarted(Event.LinkStarted started) {
        ChainSpans chain = chains.get(started.runId());
        Context parent = Context.root();
        if (chain != null) {
            if (chain.round == null || chain.roundNumber != started.round()) {
                chain.endRound(started.at());
                chain.round = tracer.spanBuilder("round " + started.round() + " " + chain.name)
                        .setSpanKind(SpanKind.INTERNAL)
                        .setParent(Context.root().with(chain.workflow))
                        .setStartTimestamp(started.at())
                        .setAttribute(GenAi.CHAIN_NAME, chain.name)
                        .setAttribute(GenAi.CHAIN_ROUND, (long) started.round())
                        .startSpan();
                chain.roundNumber = started.round();
            }
            parent = Context.root().with(chain.round);
        }
        SpanBuilder builder = tracer.spanBuilder("link " + started.name())
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(parent)
                .setStartTimestamp(started.at())
                .setAttribute(GenAi.CHAIN_ROUND, (long) started.round())
                .setAttribute(GenAi.CHAIN_LINK, (long) started.link())
                .setAttribute(GenAi.CHAIN_LINK_NAME, started.name())
                .setAttribute(GenAi.CHAIN_LINK_RESUMED, started.resumed());
        if (chain != null) builder.setAttribute(GenAi.CHAIN_NAME, chain.name);
        if (started.role() != null) builder.setAttribute(GenAi.CHAIN_LINK_ROLE, started.role());
        if (started.linkRunId() != null) builder.setAttribute(GenAi.CHAIN_LINK_RUN_ID, started.linkRunId());
        if (started.model() != null)
            builder.setAttribute(GenAi.REQUEST_MODEL, started.model().model());
        Span link = builder.startSpan();
        links.put(linkKey(started.runId(), started.link()), link);
        // The link's agent run finds its parent under its own id (RunStarted comes after LinkStarted).
        if (started.linkRunId() != null) links.put(started.linkRunId(), link);
    }

    private void linkFinished(Event.LinkFinished finished) {
        Span span = links.remove(linkKey(finished.runId(), finished.link()));
        if (span != null) {
            links.values().removeIf(open -> open == span);
            span.setAttribute(
                    GenAi.CHAIN_LINK_OUTCOME, finished.outcome().name().toLowerCase(Locale.ROOT));
            cost(span, finished.cost());
            if (finished.outcome().name().equals("FAILED")) {
                span.setAttribute(GenAi.ERROR_TYPE, "link_failed");
                span.setStatus(StatusCode.ERROR, capture.text(finished.detail()));
            }
            span.end(finished.at());
        }
        ChainSpans chain = chains.get(finished.runId());
        if (chain != null && finished.link() >= chain.lastLink) chain.endRound(finished.at());
        // What a kill of the chain would lose: at most the link now starting.
        delivery.flush();
    }

    private void runFinished(Event.RunFinished finished) {
        RunSpan run = runs.remove(finished.runId());
        if (run == null) return;
        Span span = run.span();
        String ending = finished.ending() == null ? null : finished.ending().wireName();
        if (ending != null) span.setAttribute(GenAi.RUN_ENDING, ending);
        span.setAttribute(GenAi.TURNS, (long) finished.turns());
        Usage usage = finished.usage();
        if (usage != null) {
            span.setAttribute(GenAi.USAGE_INPUT_TOKENS, inputTokens(usage));
            span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.outputTokens());
            // The latest conventions leave the cache break-down off agent and workflow spans (their calls have it).
            if (!semconv.latest()) {
                span.setAttribute(GenAi.USAGE_CACHE_READ, usage.cacheReadTokens());
                span.setAttribute(GenAi.USAGE_CACHE_CREATION, usage.cacheWriteTokens());
            }
        }
        cost(span, finished.cost());
        if (ending != null && ErrorTypes.isFailure(ending)) {
            span.setAttribute(GenAi.ERROR_TYPE, ending);
            span.setStatus(StatusCode.ERROR, capture.text(finished.detail()));
        }
        if (capture.enabled() && !run.chain() && finished.answer() != null)
            span.setAttribute(
                    GenAi.OUTPUT_MESSAGES,
                    capture.outputMessages(Message.assistant(finished.answer()), messageFinish(ending)));
        openTools.remove(finished.runId());
        ChainSpans chain = chains.remove(finished.runId());
        if (chain != null) chain.endRound(finished.at());
        span.end(finished.at());
        if (runs.isEmpty()) delivery.flush();
    }

    private static void cost(Span span, Cost cost) {
        if (cost == null) return;
        if (cost.known()) span.setAttribute(GenAi.COST_USD, cost.usd().doubleValue());
        span.setAttribute(GenAi.COST_SOURCE, cost.source().name().toLowerCase(Locale.ROOT));
    }

    private static String toolKey(String runId, String toolCallId) {
        return runId + "\u0000" + toolCallId;
    }

    private static String linkKey(String chainRunId, int link) {
        return chainRunId + "\u0000link\u0000" + link;
    }

    @Override
    public void flush() {
        delivery.flush();
    }

    /** Ends what is still open (a run cut short by an exit), so that it is exported, then sends everything. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            Instant now = Instant.now();
            List<Span> open = new ArrayList<>();
            tools.values().forEach(open::add);
            calls.values().forEach(open::add);
            runs.values().forEach(run -> open.add(run.span()));
            links.values().stream().distinct().forEach(open::add);
            chains.values().forEach(chain -> {
                if (chain.round != null) open.add(chain.round);
            });
            for (Span span : open) {
                span.setAttribute(GenAi.ERROR_TYPE, "unfinished");
                span.end(now);
            }
        }
        delivery.close();
    }
}
