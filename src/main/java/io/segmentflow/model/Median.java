package io.segmentflow.model;

import java.util.Arrays;

/**
 * The median of doubles by radix selection rather than a full sort: the same value as sorting and
 * taking the middle (or the mean of the two middle values), in a few linear passes whatever the
 * values. Values are ordered as Arrays.sort orders them (Double.compare: -0.0 before 0.0), so even
 * the sign of a zero agrees. Shared by cleaning (imputation) and profiling (per-segment medians),
 * which both take medians of a million values.
 *
 * <p>Why radix and not quickselect: counts and days have few distinct values, and a partition
 * around a pivot with a million ties degenerates; a histogram of the top 16 bits of each value's
 * sort key does not care, and its passes are plain loops the JIT compiles at once.
 */
public final class Median {
    /** Below this many candidates they are simply sorted. */
    private static final int SMALL = 4096;
    private static final int BITS = 16;

    private Median() {
    }

    /**
     * The q-quantile (0..1) of values sorted ascending, linearly interpolated between neighbours
     * (numpy's default), as the report's box plots and a profile's clipping both use.
     */
    public static double quantileOfSorted(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** NaN for no values; the input is not changed. */
    public static double of(double[] values) {
        return middle(values, values.length);
    }

    /** The median of the values that are not missing (NaN); NaN if none is. The input is not changed. */
    public static double ofPresent(double[] values) {
        int present = 0;
        for (double v : values) if (!Double.isNaN(v)) present++;
        return middle(values, present); // NaN orders last, so the first ranks are the present values
    }

    private static double middle(double[] values, int ranked) {
        if (ranked == 0) return Double.NaN;
        int mid = ranked / 2;
        if (ranked % 2 == 1) return kth(values, mid);
        double lower = kth(values, mid - 1);
        return (lower + next(values, lower, mid)) / 2;
    }

    /**
     * The value of rank {@code rank}, given the value of the rank just below it: that value again if
     * it has ties enough, else the smallest greater value. One pass, where a second selection took
     * several.
     */
    private static double next(double[] values, double below, int rank) {
        long belowKey = key(below);
        int notAbove = 0; // values ordered at or before `below`
        long nextKey = -1L; // the smallest key above belowKey (unsigned); all ones = none yet
        for (double v : values) {
            long key = key(v);
            if (Long.compareUnsigned(key, belowKey) <= 0) {
                notAbove++;
            } else if (Long.compareUnsigned(key, nextKey) < 0) {
                nextKey = key;
            }
        }
        return notAbove > rank ? below : fromKey(nextKey);
    }

    /** The k-th smallest (from 0) of the values, in Double.compare order. */
    static double kth(double[] values, int k) {
        long[] keys = null; // the candidates' keys, once few enough to copy out of the array
        int count = values.length;
        long prefix = 0, prefixMask = 0; // the high key bits every remaining candidate shares
        for (int shift = 64 - BITS; shift >= 0; shift -= BITS) {
            if (count <= SMALL) {
                long[] small = keys != null ? keys : candidates(values, prefix, prefixMask, count);
                for (int i = 0; i < count; i++) small[i] ^= Long.MIN_VALUE; // signed order = unsigned key order
                Arrays.sort(small, 0, count);
                return fromKey(small[k] ^ Long.MIN_VALUE);
            }
            int[] histogram = new int[1 << BITS];
            if (keys == null) {
                for (int i = 0; i < values.length; i++) {
                    long key = key(values[i]);
                    if ((key & prefixMask) == prefix) histogram[(int) (key >>> shift) & 0xFFFF]++;
                }
            } else {
                for (int i = 0; i < count; i++) histogram[(int) (keys[i] >>> shift) & 0xFFFF]++;
            }
            int bucket = 0;
            while (k >= histogram[bucket]) k -= histogram[bucket++];
            prefix |= (long) bucket << shift;
            prefixMask |= 0xFFFFL << shift;
            count = histogram[bucket];
            if (keys != null) {
                keys = narrowed(keys, prefix, prefixMask, count);
            } else if (count <= SMALL || count <= values.length / 4) {
                // copied out once few enough, so the next passes do not read every value again: with
                // many ties (a count of 7 purchases) the median's bucket stays large all the way down
                keys = candidates(values, prefix, prefixMask, count);
            }
        }
        return fromKey(prefix); // every bit decided: ties all the way down
    }

    private static long[] candidates(double[] values, long prefix, long prefixMask, int count) {
        long[] out = new long[count];
        int m = 0;
        for (int i = 0; i < values.length; i++) {
            long key = key(values[i]);
            if ((key & prefixMask) == prefix) out[m++] = key;
        }
        return out;
    }

    private static long[] narrowed(long[] keys, long prefix, long prefixMask, int count) {
        long[] out = new long[count];
        int m = 0;
        for (long key : keys) if ((key & prefixMask) == prefix) out[m++] = key;
        return out;
    }

    /**
     * The value's bits, rearranged so that the unsigned order of keys is the Double.compare order of
     * values: a negative number has every bit flipped, a positive one only its sign bit.
     */
    private static long key(double v) {
        long bits = Double.doubleToLongBits(v); // NaN as one value, ordered last, as Double.compare does
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static double fromKey(long key) {
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
    }
}
