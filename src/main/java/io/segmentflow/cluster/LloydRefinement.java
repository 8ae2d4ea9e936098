package io.segmentflow.cluster;

import java.util.stream.IntStream;

/**
 * Lloyd's k-means iterations on the flat, row-major feature array: assign every customer to its
 * nearest centroid, move each centroid to the mean of its customers, until no customer changes
 * segment. Used after SimpleKMeans was fitted on a sample, to carry its centroids over to everyone
 * without building a Weka Instance per customer.
 */
final class LloydRefinement {
    /** Rows per parallel chunk of the assignment step. */
    private static final int CHUNK = 1 << 16;

    private LloydRefinement() {
    }

    /** The refined result: centroids, each customer's nearest of them, and the iterations it took. */
    record Result(int[] assignments, double[][] centroids, int iterations, boolean converged) {
    }

    static Result refine(double[] x, int d, double[][] start, int maxIterations) {
        int n = x.length / d;
        int[] assignments = new int[n];
        java.util.Arrays.fill(assignments, -1);
        double[][] centroids = copy(start);
        int iterations = 0;
        while (true) {
            int changed = assign(x, d, centroids, assignments);
            if (changed == 0) return new Result(assignments, centroids, iterations, true);
            if (iterations == maxIterations) return new Result(assignments, centroids, iterations, false);
            centroids = means(x, d, assignments, centroids);
            iterations++;
        }
    }

    /**
     * Sets every row to its nearest centroid and returns how many rows changed. Ties go to the
     * lower centroid index, as in SimpleKMeans. Rows are independent, so the chunks run in parallel
     * and the result does not depend on the number of threads.
     */
    static int assign(double[] x, int d, double[][] centroids, int[] assignments) {
        int n = assignments.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        return IntStream.range(0, chunks).parallel().map(chunk -> {
            int changed = 0;
            int end = Math.min(n, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                int best = nearest(x, i * d, d, centroids);
                if (assignments[i] != best) {
                    assignments[i] = best;
                    changed++;
                }
            }
            return changed;
        }).sum();
    }

    /**
     * The index of the nearest centroid, the first on a tie. Compares squared distances, as a
     * square root changes no order (SimpleKMeans compares the roots).
     */
    static int nearest(double[] x, int offset, int d, double[][] centroids) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double[] centroid = centroids[c];
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[offset + j] - centroid[j];
                s += diff * diff;
            }
            if (s < bestDistance) {
                bestDistance = s;
                best = c;
            }
        }
        return best;
    }

    /** The mean of each segment's rows; a segment left empty keeps its centroid. */
    static double[][] means(double[] x, int d, int[] assignments, double[][] previous) {
        int k = previous.length;
        double[][] sum = new double[k][d];
        long[] count = new long[k];
        for (int i = 0; i < assignments.length; i++) {
            double[] s = sum[assignments[i]];
            int offset = i * d;
            for (int j = 0; j < d; j++) s[j] += x[offset + j];
            count[assignments[i]]++;
        }
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                sum[c] = previous[c].clone();
            } else {
                for (int j = 0; j < d; j++) sum[c][j] /= count[c];
            }
        }
        return sum;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }
}
