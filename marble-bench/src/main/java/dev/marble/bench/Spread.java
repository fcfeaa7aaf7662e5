package dev.marble.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The median and quartiles of a few samples, as the paired harnesses report them: on a shared machine the
 * spread between samples says more than a mean would.
 */
record Spread(double median, double lower, double upper, int count) {

    static Spread of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no samples");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new Spread(sorted[n / 2], sorted[n / 4], sorted[(3 * n) / 4], n);
    }

    /** Each sample of {@code a} less the sample of {@code b} taken beside it. */
    static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    /** {@code 3.1 ms [2.9, 3.4]}: median and quartiles, in the unit given. */
    String text(String unit) {
        return String.format(Locale.ROOT, "%.1f %s [%.1f, %.1f]", median, unit, lower, upper);
    }
}
