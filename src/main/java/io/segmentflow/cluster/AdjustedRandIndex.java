package io.segmentflow.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of two labelings (Hubert &amp; Arabie, 1985, "Comparing partitions",
 * Journal of Classification 2:193-218): 1 for identical partitions whatever the label values, about
 * 0 for independent ones, negative when agreement is below chance. As scikit-learn's
 * adjusted_rand_score, including 1.0 when both labelings are the same trivial partition.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {
    }

    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("labelings differ in length: " + a.length + " and " + b.length);
        }
        int n = a.length;
        int[] rows = compact(a);
        int[] cols = compact(b);
        int r = max(rows) + 1;
        int c = max(cols) + 1;
        long[][] table = new long[r][c];
        long[] rowSums = new long[r];
        long[] colSums = new long[c];
        for (int i = 0; i < n; i++) {
            table[rows[i]][cols[i]]++;
            rowSums[rows[i]]++;
            colSums[cols[i]]++;
        }
        double index = 0;
        for (long[] row : table) for (long count : row) index += pairs(count);
        double rowPairs = 0;
        for (long s : rowSums) rowPairs += pairs(s);
        double colPairs = 0;
        for (long s : colSums) colPairs += pairs(s);
        double expected = n < 2 ? 0 : rowPairs * colPairs / pairs(n);
        double maximum = (rowPairs + colPairs) / 2;
        if (maximum == expected) return 1.0; // both the same trivial partition (one group, or all singletons)
        return (index - expected) / (maximum - expected);
    }

    private static double pairs(long count) {
        return count * (count - 1) / 2.0;
    }

    /** Labels renumbered 0.. in order of first appearance. */
    private static int[] compact(int[] labels) {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = ids.computeIfAbsent(labels[i], k -> ids.size());
        }
        return out;
    }

    private static int max(int[] values) {
        int m = -1;
        for (int v : values) m = Math.max(m, v);
        return m;
    }
}
