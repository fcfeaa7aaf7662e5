import dev.marble.api.*;

import java.util.ArrayList;
import java.util.List;

/** An agent with two tools, a $0.50 budget and a stop condition of its own. Run it from the repository's root. */
public class BudgetAgent {

    /** Tools are the @Tool methods of any object, so they can use what the object holds. */
    public static class Trip {
        final List<String> packed = new ArrayList<>();

        @Tool(value = "Today's weather in Bergen", preApproved = true)
        public String weather() { return "Bergen: 9 degrees and rain"; }

        @Tool("Puts something in the suitcase")
        public String pack(@Param(name = "item", value = "what to pack") String item) {
            packed.add(item);
            return "packed " + item;
        }
    }

    public static void main(String[] args) {
        Trip trip = new Trip();
        // A replay answers here, offline; it costs nothing, so the budget is kept but never reached. On a real
        // model ("anthropic:claude-sonnet-4-6") the run ends as COST_BUDGET once its calls have cost $0.50.
        try (Agent agent = Agent.builder("packer").model("scripted:examples/budget/replies.yaml")
                .instructions("Pack for the weather, one thing at a time.")
                .tools(trip)
                .limits(l -> l.maxTurns(10).costBudgetUsd("0.50"))
                .stopWhen(StopCondition.when(state -> trip.packed.size() >= 2, "two things packed"))
                .approver(Approver.approveAll())   // pack() may change things: someone must say yes
                .build()) {
            RunResult result = agent.run("I am off to Bergen tomorrow.");
            System.out.println(result.ending() + ": " + result.detail() + " " + trip.packed + " in "
                    + result.turns() + " turns, " + result.usage().totalTokens() + " tokens, $" + result.cost().usd());
        }
    }
}
