package dev.marble.format.chain;

import static dev.marble.config.Shape.Field.optional;
import static dev.marble.config.Shape.Field.required;

import dev.marble.config.Shape;
import java.util.Set;

/**
 * The keys of a chain file: llmauto's (SEEDS-SPEC 1.5, 1.6) with their defaults, the per-chain
 * {@code defaults} and {@code telegram} objects llmauto documented but ignored, and Marble's own.
 * {@code prompts} is not here: {@link PromptsReader} reads it.
 */
final class ChainSchema {

    static final int DEFAULT_MAX_ROUNDS = 100;
    static final int DEFAULT_MAX_CONSECUTIVE_BLOCKS = 5;
    static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

    static final Shape.Fields DEFAULTS = Shape.Fields.of(
            optional("model", new Shape.Text(), null, "model of links that name none"),
            optional("fallback_model", new Shape.Text(), null, "fallback of links that name none"),
            optional("timeout_seconds", new Shape.WholeNumber(1), null, "time limit per link"),
            optional("permission_mode", new Shape.Text(), null, "Claude Code CLI --permission-mode"),
            optional("allowed_tools", new Shape.ListOf(new Shape.Text()), null, "Claude Code CLI --allowedTools"));

    static final Shape.Fields TELEGRAM = Shape.Fields.of(
            optional("enabled", new Shape.Flag(), null, "send notifications for this chain"),
            optional("bot_token_env", new Shape.Text(), null, "name of the environment variable holding the bot token"),
            optional("chat_id", new Shape.Identifier(), null, "chat that receives notifications"),
            optional("update_every_n_links", new Shape.WholeNumber(0), 0, "a status message after every n-th link"));

    static final Shape.Fields WEBHOOK = Shape.Fields.of(
            required("url", new Shape.Text(), "http(s) URL that receives chain events as JSON"),
            optional("headers", new Shape.MapOf(new Shape.Text(), "header name"), null, "extra request headers"));

    static final Shape.Fields LINK = Shape.Fields.of(
            optional("name", new Shape.Text(), null, "identity in logs and state files; default link-<n>"),
            optional("role", new Shape.Text(), "worker", "worker, reviewer or controller; shown in logs"),
            optional("model", new Shape.Text(), null, "model of this link"),
            optional("fallback_model", new Shape.Text(), null, "model tried when the first fails"),
            optional("prompt", new Shape.Text(), "", "prompt key, prompt file or inline text"),
            optional("continue", new Shape.Flag(), false, "resume this link's own session every round"),
            optional("until_full", new Shape.Flag(), false, "tell the agent to work until its context is full"),
            optional("telegram_update", new Shape.Flag(), false, "notify after this link"),
            optional(
                    "skip_unless_assigned",
                    new Shape.Flag(),
                    false,
                    "skip unless the handoff's ASSIGNED: line names this link"),
            optional("tools", new Shape.ListOf(new Shape.Text()), null, "tools this link may use"),
            optional("budget_usd", new Shape.Decimal(0), null, "spending limit of this link per run"),
            optional("timeout_seconds", new Shape.WholeNumber(1), null, "time limit of this link"));

    static final Shape.Fields ROOT = Shape.Fields.of(
            optional("description", new Shape.Text(), "", "shown by chain list"),
            optional("mode", new Shape.Choice(Set.of("loop", "once", "deadend")), "loop", "repeat or single pass"),
            optional("max_rounds", new Shape.WholeNumber(0), DEFAULT_MAX_ROUNDS, "0: unlimited"),
            optional("runtime_hours", new Shape.Decimal(0), 0, "0: unlimited"),
            optional("deadline", new Shape.Text(), null, "ISO date; the day itself still runs"),
            optional(
                    "max_consecutive_blocks",
                    new Shape.WholeNumber(0),
                    DEFAULT_MAX_CONSECUTIVE_BLOCKS,
                    "stop after this many trailing BLOCKED lines in the handoff"),
            optional(
                    "max_consecutive_failures",
                    new Shape.WholeNumber(0),
                    DEFAULT_MAX_CONSECUTIVE_FAILURES,
                    "stop after this many failed links in a row"),
            optional("pause_seconds", new Shape.Decimal(0), 0, "pause after each link"),
            optional("skip_protection", new Shape.Flag(), true, "restore the handoff a skipping link overwrote"),
            optional("budget_usd", new Shape.Decimal(0), null, "spending limit of the chain"),
            optional(
                    "engine",
                    new Shape.Choice(Set.of("local", "temporal")),
                    null,
                    "where this chain runs (over marble.json's engine; --engine over both)"),
            optional("defaults", DEFAULTS, null, "settings for links that set none"),
            required("links", new Shape.ListOf(LINK), "the links, in order"),
            optional("telegram", TELEGRAM, null, "notifications for this chain"),
            optional("webhook", WEBHOOK, null, "chain events POSTed as JSON"));

    private ChainSchema() {}
}
