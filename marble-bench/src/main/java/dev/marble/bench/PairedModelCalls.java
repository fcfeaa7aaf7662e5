package dev.marble.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The floor and Marble, interleaved: in each round every subject makes the same number of calls, in
 * a rotating order, and the figures are medians over rounds of each subject's time per call and of
 * its ratio to the floor in the same round. Drift on a noisy machine then touches all subjects
 * alike. Run with {@code build/bench.sh --paired [ROUNDS] [CALLS_PER_ROUND]}.
 */
public final class PairedModelCalls {

    /** One way to make a call, named. */
    private record Subject(String name, Call call) {}

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    private PairedModelCalls() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        System.out.printf(
                Locale.ROOT,
                "%-10s %-7s %12s %12s %12s %14s %14s%n",
                "protocol",
                "stream",
                "floor us",
                "marble us",
                "journaled us",
                "marble/floor",
                "journaled/floor");
        for (String protocol : List.of("openai", "anthropic")) {
            for (boolean stream : List.of(false, true)) {
                try (CallRig rig = new CallRig(protocol, stream)) {
                    report(protocol, stream, measure(rig, rounds, perRound));
                }
            }
        }
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    private static double[][] measure(CallRig rig, int rounds, int perRound) throws Exception {
        List<Subject> subjects = List.of(
                new Subject("floor", rig::floor),
                new Subject("marble", rig::marble),
                new Subject("journaled", rig::marbleJournaled));
        for (int warm = 0; warm < 3; warm++) {
            for (Subject subject : subjects)
                for (int i = 0; i < 3000; i++) subject.call().run();
        }
        double[][] micros = new double[subjects.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < subjects.size(); k++) {
                int index = (k + round) % subjects.size();
                Call call = subjects.get(index).call();
                long start = System.nanoTime();
                for (int i = 0; i < perRound; i++) call.run();
                micros[index][round] = (System.nanoTime() - start) / 1000.0 / perRound;
            }
        }
        return micros;
    }

    private static void report(String protocol, boolean stream, double[][] micros) {
        int rounds = micros[0].length;
        List<String> ratios = new ArrayList<>();
        for (int k = 1; k < micros.length; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = micros[k][r] / micros[0][r];
            Arrays.sort(ratio);
            ratios.add(String.format(
                    Locale.ROOT,
                    "%+.1f%% [%+.1f, %+.1f]",
                    (ratio[rounds / 2] - 1) * 100,
                    (ratio[rounds / 4] - 1) * 100,
                    (ratio[3 * rounds / 4] - 1) * 100));
        }
        System.out.printf(
                Locale.ROOT,
                "%-10s %-7s %12.1f %12.1f %12.1f %22s %22s%n",
                protocol,
                stream,
                median(micros[0]),
                median(micros[1]),
                median(micros[2]),
                ratios.get(0),
                ratios.get(1));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
