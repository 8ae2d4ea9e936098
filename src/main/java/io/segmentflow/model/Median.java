package io.segmentflow.model;

/**
 * The median of doubles by selection rather than a full sort: the same value as sorting and taking
 * the middle (or the mean of the two middle values), in linear time on average. Values are ordered
 * as Arrays.sort orders them (Double.compare: -0.0 before 0.0), so even the sign of a zero agrees.
 * Shared by cleaning (imputation) and profiling (per-segment medians), which both take medians of
 * a million values.
 */
public final class Median {
    /** Below this size a range is sorted; also the fallback if partitioning goes badly. */
    private static final int SMALL = 32;

    private Median() {
    }

    /** NaN for no values; the input is not changed. */
    public static double of(double[] values) {
        return ofOwned(values.clone(), values.length);
    }

    /** The median of the first {@code n} values of {@code scratch}, which it reorders. */
    public static double ofOwned(double[] scratch, int n) {
        if (n == 0) return Double.NaN;
        int mid = n / 2;
        if (n % 2 == 1) return select(scratch, n, mid);
        double lower = select(scratch, n, mid - 1);
        double upper = scratch[mid]; // everything after the lower middle is at least it: take the smallest
        for (int i = mid + 1; i < n; i++) {
            if (Double.compare(scratch[i], upper) < 0) upper = scratch[i];
        }
        return (lower + upper) / 2;
    }

    /** Puts the k-th smallest value at index k, smaller ones before it and larger ones after; returns it. */
    static double select(double[] a, int n, int k) {
        int lo = 0, hi = n - 1;
        int budget = 2 * (64 - Long.numberOfLeadingZeros(n)) + 8; // then sort: no quadratic worst case
        while (hi - lo > SMALL && budget-- > 0) {
            int p = partition(a, lo, hi, medianOfThree(a, lo, lo + (hi - lo) / 2, hi));
            if (p == k) return a[k];
            if (k < p) hi = p - 1;
            else lo = p + 1;
        }
        java.util.Arrays.sort(a, lo, hi + 1);
        return a[k];
    }

    private static int medianOfThree(double[] a, int i, int j, int k) {
        boolean ij = Double.compare(a[i], a[j]) < 0, jk = Double.compare(a[j], a[k]) < 0, ik = Double.compare(a[i], a[k]) < 0;
        if (ij == jk) return j;
        return ij == ik ? k : i;
    }

    /** Lomuto partition around a[pivotIndex]; returns the pivot's final index. */
    private static int partition(double[] a, int lo, int hi, int pivotIndex) {
        double pivot = a[pivotIndex];
        swap(a, pivotIndex, hi);
        int store = lo;
        for (int i = lo; i < hi; i++) {
            if (Double.compare(a[i], pivot) < 0) swap(a, i, store++);
        }
        swap(a, store, hi);
        return store;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
