package dev.marble.temporal.agent;

import dev.marble.api.DurableRuns;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running run's status, read from its history rather than asked of a worker by a query: it answers when no worker
 * is running (a person approving at night, every worker restarted), and it cannot be lost, as a query is on the test
 * server when it is handed to a worker that was killed. The history holds every call's result, so it holds what the
 * workflow knows: how many model calls were made, and whether the last tool call came back waiting for a person.
 */
final class RunHistory {

    private static final String MODEL = "MarbleAgentRun.CallModel";
    private static final String TOOL = "MarbleAgentRun.RunTool";

    private RunHistory() {}

    static DurableRuns.Status status(String runId, List<HistoryEvent> events, DataConverter converter) {
        Map<Long, String> types = new HashMap<>();
        int turns = 0;
        int approvals = 0;
        DurableRuns.Pending pending = null;
        for (HistoryEvent event : events) {
            if (event.hasActivityTaskScheduledEventAttributes()) {
                String type = event.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName();
                types.put(event.getEventId(), type);
                if (type.equals(MODEL)) turns++;
                if (type.equals(TOOL)) pending = null; // a call runs: the one waiting was answered
            } else if (event.hasActivityTaskCompletedEventAttributes()) {
                var completed = event.getActivityTaskCompletedEventAttributes();
                if (!TOOL.equals(types.get(completed.getScheduledEventId())) || !completed.hasResult()) continue;
                ToolStep step =
                        converter.fromPayloads(0, Optional.of(completed.getResult()), ToolStep.class, ToolStep.class);
                if (step.person() != null) {
                    ToolStep.Wait wait = step.person();
                    pending = new DurableRuns.Pending(++approvals, wait.tool(), wait.subject(), wait.reason());
                }
            }
        }
        return new DurableRuns.Status(runId, pending == null ? "running" : "waiting_for_approval", turns, pending);
    }
}
