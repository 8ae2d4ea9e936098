package io.segmentflow.cluster;

import io.segmentflow.model.FeatureMatrix;

/**
 * How good a labeling of customers is, by the measures scikit-learn computes (and to the same
 * values): the sum of squared distances to the segment means (SSE, lower is better), the
 * silhouette (-1..1, higher is better), Calinski–Harabasz (higher is better) and Davies–Bouldin
 * (lower is better). All Euclidean, on the scaled features. Labels are 0..k-1.
 */
public final class ClusterQuality {
    private ClusterQuality() {
    }

    /**
     * What SSE (the sum of squared distances to the segment means), Calinski-Harabasz and
     * Davies-Bouldin are made of, in two passes over the customers: the means, then the distances
     * to them. Sums run in row order.
     */
    record Dispersion(int n, int k, double[][] means, int[] sizes, double[] overall, double sse, double[] spread) {
        static Dispersion of(FeatureMatrix x, int[] labels, int k) {
            int n = x.rows();
            int d = x.cols();
            double[] v = x.values();
            double[][] means = new double[k][d];
            int[] sizes = ClusterQuality.sizes(labels, k);
            double[] overall = new double[d];
            for (int i = 0; i < n; i++) {
                double[] mean = means[labels[i]];
                for (int j = 0; j < d; j++) {
                    mean[j] += v[i * d + j];
                    overall[j] += v[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) means[c][j] /= sizes[c];
            for (int j = 0; j < d; j++) overall[j] /= n;
            double sse = 0;
            double[] spread = new double[k];
            for (int i = 0; i < n; i++) {
                double[] mean = means[labels[i]];
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = v[i * d + j] - mean[j];
                    s += diff * diff;
                }
                sse += s;
                spread[labels[i]] += Math.sqrt(s);
            }
            for (int c = 0; c < k; c++) spread[c] /= sizes[c];
            return new Dispersion(n, k, means, sizes, overall, sse, spread);
        }

        /** Between-segment dispersion over within-segment dispersion, scaled by degrees of freedom. */
        double calinskiHarabasz() {
            double between = 0;
            for (int c = 0; c < k; c++) between += sizes[c] * squaredDistance(means[c], overall);
            return sse == 0 ? 1.0 : between * (n - k) / (sse * (k - 1));
        }

        /** The mean, over segments, of the worst ratio of summed spreads to centroid distance. */
        double daviesBouldin() {
            double sum = 0;
            for (int a = 0; a < k; a++) {
                double worst = 0;
                for (int b = 0; b < k; b++) {
                    if (a == b) continue;
                    double separation = Math.sqrt(squaredDistance(means[a], means[b]));
                    worst = Math.max(worst, separation == 0 ? Double.POSITIVE_INFINITY : (spread[a] + spread[b]) / separation);
                }
                sum += worst;
            }
            return sum / k;
        }
    }

    /**
     * Mean silhouette over the given rows, each compared with the given rows only (all rows for the
     * exact value, a sample for large populations). A customer alone in its segment scores 0.
     */
    public static double silhouette(FeatureMatrix x, int[] labels, int k, int[] rows) {
        double[] s = silhouetteSamples(x, labels, k, rows);
        double sum = 0;
        for (double v : s) sum += v;
        return sum / s.length;
    }

    /**
     * The silhouette of each of the given rows, in their order. Every pair is measured once (distance
     * is symmetric), on a packed copy of the rows, in a fixed number of stripes run side by side; the
     * stripes are summed in order, so the result does not depend on the number of cores.
     */
    public static double[] silhouetteSamples(FeatureMatrix x, int[] labels, int k, int[] rows) {
        int m = rows.length;
        int d = x.cols();
        double[] packed = new double[m * d];
        int[] label = new int[m];
        int[] sizes = new int[k];
        for (int a = 0; a < m; a++) {
            for (int j = 0; j < d; j++) packed[a * d + j] = x.value(rows[a], j);
            label[a] = labels[rows[a]];
            sizes[label[a]]++;
        }
        double[][] stripeSums = new double[SILHOUETTE_STRIPES][];
        java.util.stream.IntStream.range(0, SILHOUETTE_STRIPES).parallel()
                .forEach(stripe -> stripeSums[stripe] = pairDistanceSums(packed, label, m, d, k, stripe));
        double[] distanceSums = new double[m * k];
        for (double[] sums : stripeSums) {
            for (int i = 0; i < sums.length; i++) distanceSums[i] += sums[i];
        }
        double[] out = new double[m];
        for (int a = 0; a < m; a++) {
            int own = label[a];
            if (sizes[own] <= 1) continue; // alone in its segment: 0
            double within = distanceSums[a * k + own] / (sizes[own] - 1);
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) nearest = Math.min(nearest, distanceSums[a * k + c] / sizes[c]);
            }
            out[a] = (nearest - within) / Math.max(within, nearest);
        }
        return out;
    }

    /** Stripes of rows measured side by side; rows are dealt round-robin so each stripe gets a like share of pairs. */
    private static final int SILHOUETTE_STRIPES = 8;

    /** For the stripe's rows a, the summed distance from a to every later row b, and from b to a, per segment. */
    private static double[] pairDistanceSums(double[] packed, int[] label, int m, int d, int k, int stripe) {
        double[] sums = new double[m * k];
        for (int a = stripe; a < m; a += SILHOUETTE_STRIPES) {
            int la = label[a];
            int oa = a * d;
            for (int b = a + 1; b < m; b++) {
                int ob = b * d;
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = packed[oa + j] - packed[ob + j];
                    s += diff * diff;
                }
                double distance = Math.sqrt(s);
                sums[a * k + label[b]] += distance;
                sums[b * k + la] += distance;
            }
        }
        return sums;
    }

    private static int[] sizes(int[] labels, int k) {
        int[] sizes = new int[k];
        for (int label : labels) sizes[label]++;
        return sizes;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }
}
