package io.segmentflow.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded samples of row numbers, so every sampled figure and chart is reproducible. */
public final class SeededSample {
    private SeededSample() {
    }

    /** All row numbers 0..n-1 when n <= max; otherwise max of them without repeats (seeded), sorted. */
    public static int[] rows(int n, int max, long seed) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        if (n <= max) return rows;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) { // a partial Fisher-Yates shuffle
            int j = i + random.nextInt(n - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        int[] picked = Arrays.copyOf(rows, max);
        Arrays.sort(picked);
        return picked;
    }
}
