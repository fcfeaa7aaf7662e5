package dev.marble.tool.approval;

import dev.marble.config.ConfigLayer;
import dev.marble.config.MarbleConfig;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ShellCommandSubject;
import dev.marble.tool.Tool;
import dev.marble.tool.shell.HardBlocks;
import dev.marble.tool.shell.ParsedCommand;
import dev.marble.tool.shell.ShellAllowance;
import dev.marble.tool.shell.ShellCommandLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Decides allow, ask, deny or block for each tool call, as Claude Code's permission pipeline does: a
 * matching deny rule always wins, then a block, then a matching ask rule, then a matching allow rule,
 * then the tool's own default (reads allowed; writes, shell, Java and MCP tools asked about). Rules come
 * from {@code approvals.deny / ask / allow} in every configuration file, all of them together, so a
 * global deny cannot be undone by a project.
 *
 * <p>For a tool whose subject is a shell command line ({@link ShellCommandSubject}) the line is parsed
 * first and rules are matched per simple command ({@link ShellRuleMatching}): an allow rule covers the
 * line only when it covers every part of it, without a known hazard; and the built-in
 * {@link HardBlocks} apply, lifted only by an allow rule naming that exact command.
 */
public final class ApprovalPolicy {

    /** A decision and what made it, for the journal and for the person asked. */
    public record PolicyDecision(Decision decision, String reason) {}

    private final List<ApprovalRule> rules;
    private final boolean askEverything;

    public ApprovalPolicy(List<ApprovalRule> rules, boolean askEverything) {
        this.rules = List.copyOf(rules);
        this.askEverything = askEverything;
    }

    /**
     * The configured rules, plus {@code extra} ones (from the command line). With
     * {@code askEverything} (llm-loop's --tools-approve) every call that is not denied is asked about.
     */
    public static ApprovalPolicy from(MarbleConfig config, List<ApprovalRule> extra, boolean askEverything) {
        List<ApprovalRule> rules = new ArrayList<>(extra);
        for (ConfigLayer layer : config.layers()) {
            for (Decision decision : Decision.CONFIGURABLE) {
                String key = decision.name().toLowerCase(Locale.ROOT);
                JsonPointer pointer = JsonPointer.compile("/approvals/" + key);
                JsonNode list = layer.document().root().at(pointer);
                for (int i = 0; i < list.size(); i++) {
                    String field = "approvals." + key + "[" + i + "]";
                    rules.add(ApprovalRule.parse(
                            decision, list.get(i).asString(), layer.document().valueAt(pointer.appendIndex(i), field)));
                }
            }
        }
        return new ApprovalPolicy(rules, askEverything);
    }

    /** Every rule, command line's first, for {@link ProtectedFileScreen}, which lifts its deny only for a rule naming a
     * file. */
    List<ApprovalRule> rules() {
        return rules;
    }

    public PolicyDecision decide(Tool tool, JsonNode arguments, Path workspace) {
        String name = tool.name();
        String subject = tool.approvalSubject(arguments, workspace);
        if (tool instanceof ShellCommandSubject && subject != null) return decideShell(tool, subject, workspace);
        ApprovalRule allow = null;
        ApprovalRule ask = null;
        ApprovalRule block = null;
        for (ApprovalRule rule : rules) {
            if (!rule.matches(name, subject)) continue;
            switch (rule.decision()) {
                case DENY -> {
                    return new PolicyDecision(Decision.DENY, "denied by rule '" + rule.text() + "'" + rule.location());
                }
                case BLOCK -> block = block == null ? rule : block;
                case ASK -> ask = ask == null ? rule : ask;
                case ALLOW -> allow = allow == null ? rule : allow;
            }
        }
        if (block != null) return new PolicyDecision(Decision.BLOCK, "rule '" + block.text() + "'" + block.location());
        if (ask != null) return new PolicyDecision(Decision.ASK, "rule '" + ask.text() + "'" + ask.location());
        if (askEverything) return new PolicyDecision(Decision.ASK, EVERY_CALL);
        if (allow != null)
            return new PolicyDecision(Decision.ALLOW, "allowed by rule '" + allow.text() + "'" + allow.location());
        return byDefault(tool);
    }

    private static final String EVERY_CALL = "every tool call is confirmed (--tools-approve)";

    private PolicyDecision decideShell(Tool tool, String command, Path workspace) {
        ParsedCommand parsed = ShellCommandLine.parse(command);
        List<ApprovalRule> applicable =
                rules.stream().filter(rule -> rule.appliesTo(tool.name())).toList();
        for (ApprovalRule deny : of(applicable, Decision.DENY)) {
            Optional<String> caught = ShellRuleMatching.catches(deny.argument(), parsed);
            if (caught.isPresent()) {
                return new PolicyDecision(
                        Decision.DENY, "denied by rule '" + deny.text() + "'" + deny.location() + detail(caught.get()));
            }
        }
        List<ApprovalRule> allows = of(applicable, Decision.ALLOW);
        ApprovalRule exact = allows.stream()
                .filter(rule -> rule.argument() instanceof RuleArgument.Glob glob
                        && glob.shell().namesExactly(command))
                .findFirst()
                .orElse(null);
        if (exact == null) {
            Optional<String> blocked = blocked(parsed, of(applicable, Decision.BLOCK));
            if (blocked.isPresent()) return new PolicyDecision(Decision.BLOCK, blocked.get());
        }
        for (ApprovalRule ask : of(applicable, Decision.ASK)) {
            Optional<String> caught = ShellRuleMatching.catches(ask.argument(), parsed);
            if (caught.isPresent())
                return new PolicyDecision(
                        Decision.ASK, "rule '" + ask.text() + "'" + ask.location() + detail(caught.get()));
        }
        if (askEverything) return new PolicyDecision(Decision.ASK, EVERY_CALL);
        // The user wrote out this very command: nothing in it is left for a pattern or a hazard to stretch.
        if (exact != null) {
            return new PolicyDecision(
                    Decision.ALLOW,
                    "allowed by rule '" + exact.text() + "'" + exact.location() + ", which names this exact command");
        }
        if (allows.isEmpty()) return byDefault(tool);
        ShellAllowance.Result result = ShellAllowance.check(
                parsed, allows.stream().map(ShellRuleMatching.Allowance::new).toList(), workspace);
        return switch (result) {
            case ShellAllowance.Result.Allowed allowed -> {
                ApprovalRule by = ((ShellRuleMatching.Allowance) allowed.by()).rule();
                yield new PolicyDecision(Decision.ALLOW, "allowed by rule '" + by.text() + "'" + by.location());
            }
            case ShellAllowance.Result.NotAllowed notAllowed -> new PolicyDecision(Decision.ASK, notAllowed.reason());
        };
    }

    /** Why the line is blocked: a built-in hard block, else a block rule (a worker's llm-do refusals). */
    private static Optional<String> blocked(ParsedCommand parsed, List<ApprovalRule> blockRules) {
        Optional<String> builtIn = HardBlocks.reason(parsed);
        if (builtIn.isPresent()) return builtIn;
        for (ApprovalRule block : blockRules) {
            Optional<String> caught = ShellRuleMatching.catches(block.argument(), parsed);
            if (caught.isPresent()) {
                return Optional.of(
                        (caught.get().isEmpty() ? "rule '" + block.text() + "'" : caught.get()) + block.location());
            }
        }
        return Optional.empty();
    }

    private static List<ApprovalRule> of(List<ApprovalRule> rules, Decision decision) {
        return rules.stream().filter(rule -> rule.decision() == decision).toList();
    }

    private static String detail(String caught) {
        return caught.isEmpty() ? "" : ": " + caught;
    }

    private static PolicyDecision byDefault(Tool tool) {
        return tool.approvalDefault() == ApprovalDefault.ALLOW
                ? new PolicyDecision(Decision.ALLOW, tool.name() + " only reads, and is allowed by default")
                : new PolicyDecision(Decision.ASK, tool.name() + " needs approval by default");
    }
}
