package dev.marble.cli;

import dev.marble.chain.state.ChainStatus;
import dev.marble.store.ChainHistory;
import dev.marble.store.RunLog;
import dev.marble.store.Totals;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code marble chain report} tells: each round and each link (start, duration, model, tokens, cost, outcome,
 * the first line of its error or answer), the totals, why the chain stopped, and where it is heading at its recent
 * rate. Built from the journal's {@link ChainHistory}, the chain's state and its {@code max_rounds}; the renderers
 * (text, JSON, HTML) only lay it out.
 */
record ChainReport(
        String chain,
        List<RoundRow> rounds,
        Totals totals,
        String status,
        String stopReason,
        Projection projection,
        boolean truncated) {

    /** At most this many of the newest links are read: a report is for reading, not for a year of history. */
    static final int MAX_LINKS = 5_000;
    /** The projection's rate is that of this many of the last complete rounds. */
    static final int RATE_ROUNDS = 5;

    ChainReport {
        rounds = List.copyOf(rounds);
    }

    /** A round, its links, and how long it took from its first link's start to its last link's end. */
    record RoundRow(ChainHistory.Round round, List<LinkRow> links, Long durationMs) {
        RoundRow {
            links = List.copyOf(links);
        }

        boolean complete() {
            return links.stream().allMatch(l -> l.link().endedAt() != null);
        }
    }

    /** A link and the first line of its error (when it failed) or of its answer. */
    record LinkRow(ChainHistory.Link link, String summary) {}

    /**
     * Where the chain is heading: at the rate of its last rounds, when and at what cost it reaches {@code max_rounds}.
     *
     * @param costKnown whether the rate's cost is whole (no model without a price in the rounds it is taken from)
     */
    record Projection(
            int round,
            int maxRounds,
            int rateRounds,
            double costPerRound,
            Duration timePerRound,
            double costAtEnd,
            Instant endsAt,
            boolean costKnown) {

        int remaining() {
            return Math.max(0, maxRounds - round);
        }
    }

    /**
     * @param round the rounds the chain's state says are done
     * @param maxRounds the chain file's {@code max_rounds}, 0 for none
     * @param running whether the chain's process is running now (a stopped chain's projection starts from now)
     * @param lastShutdown the chain state's last shutdown line, if any
     */
    record State(String status, int round, int maxRounds, boolean running, String lastShutdown) {}

    static ChainReport build(ChainHistory history, String chain, State state, Instant now) {
        List<ChainHistory.Link> links = history.links(chain, new ChainHistory.Filter(null, null, false, MAX_LINKS + 1));
        boolean truncated = links.size() > MAX_LINKS;
        if (truncated) links = links.subList(1, links.size());
        // Every answer the summaries need, in a few queries rather than one per link.
        Map<String, String> answers = history.answers(links.stream()
                .filter(ChainReport::needsAnswer)
                .map(ChainHistory.Link::linkRunId)
                .toList());
        List<RoundRow> rounds = new ArrayList<>();
        Totals totals = Totals.ZERO;
        for (ChainHistory.Round round : ChainHistory.rounds(links)) {
            List<LinkRow> rows = new ArrayList<>();
            for (ChainHistory.Link link : round.links()) rows.add(new LinkRow(link, summary(answers, link)));
            rounds.add(new RoundRow(round, rows, between(round.startedAt(), round.endedAt())));
            totals = totals.plus(round.totals());
        }
        return new ChainReport(
                chain,
                rounds,
                totals,
                state.status(),
                stopReason(history, chain, state),
                projection(rounds, state, now),
                truncated);
    }

    /** Whether the link's summary is its answer: it ended well and has a run to have answered in. */
    private static boolean needsAnswer(ChainHistory.Link link) {
        return !link.failed()
                && !"skipped".equals(link.outcome())
                && link.linkRunId() != null
                && link.endedAt() != null;
    }

    private static String summary(Map<String, String> answers, ChainHistory.Link link) {
        if (link.failed() || "skipped".equals(link.outcome()))
            return link.detail() == null ? "" : ChainLinksView.firstLine(link.detail());
        if (!needsAnswer(link)) return "";
        String answer = answers.get(link.linkRunId());
        return answer == null ? "" : ChainLinksView.firstLine(answer);
    }

    /** Why it stopped: the state's last shutdown, else how the newest chain run ended in the journal. */
    private static String stopReason(ChainHistory history, String chain, State state) {
        if (state.running()) return "running";
        if (state.lastShutdown() != null && !state.lastShutdown().isBlank()) return state.lastShutdown();
        List<RunLog.RunRecord> runs = history.chainRuns(chain, 1);
        if (runs.isEmpty()) return "never ran";
        RunLog.RunRecord last = runs.getFirst();
        if (last.ending() == null) return "killed: the last run has no end in the journal";
        return last.ending() + (last.detail() == null ? "" : ": " + last.detail());
    }

    /** At the rate of the last complete rounds (up to {@link #RATE_ROUNDS}); null when there is nothing to project. */
    private static Projection projection(List<RoundRow> rounds, State state, Instant now) {
        if (state.maxRounds() <= 0 || state.round() >= state.maxRounds()) return null;
        // ALL_DONE is final (the chain's agents declared the work done): no rounds are left to project.
        if (ChainStatus.ALL_DONE.name().equals(state.status())) return null;
        List<RoundRow> complete = rounds.stream()
                .filter(r -> r.complete() && r.durationMs() != null)
                .toList();
        if (complete.isEmpty()) return null;
        List<RoundRow> recent = complete.subList(Math.max(0, complete.size() - RATE_ROUNDS), complete.size());
        BigDecimal cost = BigDecimal.ZERO;
        long millis = 0;
        boolean known = true;
        for (RoundRow round : recent) {
            cost = cost.add(BigDecimal.valueOf(round.round().totals().costUsd()));
            millis += round.durationMs();
            known &= round.round().totals().costKnown();
        }
        int n = recent.size();
        double perRound = cost.doubleValue() / n;
        Duration timePerRound = Duration.ofMillis(millis / n);
        int remaining = state.maxRounds() - state.round();
        double spent = spentSinceReset(rounds);
        Instant from = now;
        if (state.running()) {
            // the round in flight started before now: count from its start
            String lastEnd = complete.getLast().round().endedAt();
            Instant end = parse(lastEnd);
            if (end != null && end.isBefore(now)) from = end;
        }
        return new Projection(
                state.round(),
                state.maxRounds(),
                n,
                perRound,
                timePerRound,
                spent + perRound * remaining,
                from.plus(timePerRound.multipliedBy(remaining)),
                known);
    }

    /** The cost of the rounds since the chain last started over from round 1 (a reset), which max_rounds counts. */
    private static double spentSinceReset(List<RoundRow> rounds) {
        int first = 0;
        for (int i = 0; i < rounds.size(); i++) if (rounds.get(i).round().round() == 1) first = i;
        BigDecimal spent = BigDecimal.ZERO;
        for (RoundRow round : rounds.subList(first, rounds.size()))
            spent = spent.add(BigDecimal.valueOf(round.round().totals().costUsd()));
        return spent.doubleValue();
    }

    static Long between(String start, String end) {
        Instant from = parse(start);
        Instant to = parse(end);
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }

    /**
     * The journal's instants, as {@link Instant#toString()} writes them ({@code 2026-01-01T10:00:00.123Z}), read by
     * hand: a report reads thousands, and {@link Instant#parse}'s formatter was a seventh of its time. Any other form
     * goes to {@link Instant#parse}; null when neither reads it.
     */
    static Instant parse(String instant) {
        if (instant == null) return null;
        Instant fast = parseJournalForm(instant);
        if (fast != null) return fast;
        try {
            return Instant.parse(instant);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseJournalForm(String s) {
        int last = s.length() - 1;
        if (s.length() < 20 || s.length() > 30 || s.charAt(last) != 'Z') return null;
        if (s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') return null;
        int nanos = 0;
        if (last > 19) {
            int digits = last - 20;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) return null;
            int fraction = digits(s, 20, last);
            if (fraction < 0) return null;
            nanos = fraction * (int) Math.pow(10, 9 - digits);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
