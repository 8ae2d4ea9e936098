package io.segmentflow.cluster;

import java.util.List;
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
        Bounds bounds = new Bounds(n);
        double[][] centroids = copy(start);
        double[] moved = new double[centroids.length];
        int iterations = 0;
        while (true) {
            SegmentSums pass = bounds.assign(x, d, centroids, moved, assignments);
            if (pass.changed == 0) return new Result(assignments, centroids, iterations, true);
            if (iterations == maxIterations) return new Result(assignments, centroids, iterations, false);
            double[][] next = pass.means(centroids);
            for (int c = 0; c < next.length; c++) moved[c] = Math.sqrt(squaredDistance(next[c], centroids[c]));
            centroids = next;
            iterations++;
        }
    }

    /**
     * Hamerly's bounds: per customer, an upper bound on the distance to its own centroid and a lower
     * bound on the distance to any other. When centroids move, the bounds move by at most as much
     * (triangle inequality); a customer whose upper bound is still below its lower bound cannot
     * change segment and is skipped without measuring anything. Late iterations, where a few
     * customers out of a million still move, then cost a comparison per customer instead of k
     * distances. Every customer that is measured is measured exactly as {@link #assign} does, and a
     * skip needs a relative margin far above floating-point rounding, so the assignments are the
     * same as plain Lloyd's (SampledFitTest). The bounds are doubles: their rounding, even summed
     * over every iteration, stays far below that margin (floats had to be rounded outwards, a call
     * per customer and iteration under C1).
     */
    private static final class Bounds {
        private static final double MARGIN = 1 + 1e-6;
        private final double[] upper;
        private final double[] lower;

        Bounds(int n) {
            upper = new double[n];
            lower = new double[n];
        }

        /** Assigns every customer and, in the same pass, sums each segment's rows (as {@link #means} does). */
        SegmentSums assign(double[] x, int d, double[][] centroids, double[] moved, int[] assignments) {
            int n = assignments.length;
            int k = centroids.length;
            double furthest = java.util.Arrays.stream(moved).max().orElse(0);
            int chunks = (n + CHUNK - 1) / CHUNK;
            return SegmentSums.inOrder(IntStream.range(0, chunks).parallel().mapToObj(chunk -> {
                double[] distances = new double[k];
                SegmentSums sums = new SegmentSums(k, d);
                double[][] sum = sums.sum; // SegmentSums.add, written out: C1 does not inline it
                long[] count = sums.count;
                int end = Math.min(n, (chunk + 1) * CHUNK);
                for (int i = chunk * CHUNK; i < end; i++) {
                    int own = assignments[i];
                    int best = own;
                    if (own >= 0 && (upper[i] + moved[own]) * MARGIN < lower[i] - furthest) {
                        upper[i] += moved[own];
                        lower[i] -= furthest;
                    } else {
                        best = nearest(x, i * d, d, centroids, distances);
                        double second = Double.POSITIVE_INFINITY;
                        for (int c = 0; c < k; c++) if (c != best) second = Math.min(second, distances[c]);
                        upper[i] = Math.sqrt(distances[best]);
                        lower[i] = Math.sqrt(second);
                        if (own != best) {
                            assignments[i] = best;
                            sums.changed++;
                        }
                    }
                    double[] s = sum[best];
                    for (int j = 0, o = i * d; j < d; j++) s[j] += x[o + j];
                    count[best]++;
                }
                return sums;
            }).toList(), k, d);
        }
    }

    /**
     * Each segment's sum and count of rows, and how many rows changed segment. Rows are added in
     * order within a chunk of {@link #CHUNK} rows and the chunks' sums in chunk order, so the means
     * are the same for any number of threads, whether summed alone or during an assignment pass.
     */
    private static final class SegmentSums {
        private final double[][] sum;
        private final long[] count;
        private int changed;

        SegmentSums(int k, int d) {
            sum = new double[k][d];
            count = new long[k];
        }

        void add(double[] x, int offset, int segment) {
            double[] s = sum[segment];
            for (int j = 0; j < s.length; j++) s[j] += x[offset + j];
            count[segment]++;
        }

        static SegmentSums inOrder(List<SegmentSums> chunks, int k, int d) {
            SegmentSums total = new SegmentSums(k, d);
            for (SegmentSums chunk : chunks) {
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) total.sum[c][j] += chunk.sum[c][j];
                    total.count[c] += chunk.count[c];
                }
                total.changed += chunk.changed;
            }
            return total;
        }

        /** The mean of each segment's rows; a segment left empty keeps its centroid. */
        double[][] means(double[][] previous) {
            double[][] out = new double[sum.length][];
            for (int c = 0; c < sum.length; c++) {
                if (count[c] == 0) {
                    out[c] = previous[c].clone();
                } else {
                    out[c] = sum[c].clone();
                    for (int j = 0; j < out[c].length; j++) out[c][j] /= count[c];
                }
            }
            return out;
        }
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }

    /**
     * Plain Lloyd's assignment step, which {@link #refine} does with bounds instead; kept as the
     * reference SampledFitTest proves the bounded refinement equal to, and checks against Weka.
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
        return nearest(x, offset, d, centroids, null);
    }

    /** As above, keeping every squared distance in {@code distances} when it is not null. */
    private static int nearest(double[] x, int offset, int d, double[][] centroids, double[] distances) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double[] centroid = centroids[c];
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[offset + j] - centroid[j];
                s += diff * diff;
            }
            if (distances != null) distances[c] = s;
            if (s < bestDistance) {
                bestDistance = s;
                best = c;
            }
        }
        return best;
    }

    /**
     * Plain Lloyd's update step, the reference for the sums {@link Bounds#assign} gathers in its own
     * pass (SampledFitTest): the mean of each segment's rows, summed in the same chunks and order; a
     * segment left empty keeps its centroid.
     */
    static double[][] means(double[] x, int d, int[] assignments, double[][] previous) {
        int n = assignments.length;
        int k = previous.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        return SegmentSums.inOrder(IntStream.range(0, chunks).parallel().mapToObj(chunk -> {
            SegmentSums sums = new SegmentSums(k, d);
            int end = Math.min(n, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) sums.add(x, i * d, assignments[i]);
            return sums;
        }).toList(), k, d).means(previous);
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }
}
