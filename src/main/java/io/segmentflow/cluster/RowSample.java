package io.segmentflow.cluster;

import java.util.BitSet;
import java.util.SplittableRandom;

/** A seeded uniform sample of row numbers, without repeats, in ascending order. */
final class RowSample {
    private RowSample() {
    }

    /** {@code size} of the rows 0..n-1; the same seed gives the same rows. Floyd's algorithm: one bit per row. */
    static int[] draw(int n, int size, long seed) {
        if (size >= n) return java.util.stream.IntStream.range(0, n).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        BitSet chosen = new BitSet(n);
        for (int j = n - size; j < n; j++) {
            int t = random.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        return chosen.stream().toArray();
    }
}
