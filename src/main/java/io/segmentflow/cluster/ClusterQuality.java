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

    /** Sum of squared distances of every customer to its segment's mean. */
    public static double sse(FeatureMatrix x, int[] labels, int k) {
        double[][] means = means(x, labels, k);
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) sum += squaredDistance(x, i, means[labels[i]]);
        return sum;
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

    /** The silhouette of each of the given rows, in their order. */
    public static double[] silhouetteSamples(FeatureMatrix x, int[] labels, int k, int[] rows) {
        int[] sizes = new int[k];
        for (int row : rows) sizes[labels[row]]++;
        double[] out = new double[rows.length];
        double[] distanceSums = new double[k];
        for (int a = 0; a < rows.length; a++) {
            java.util.Arrays.fill(distanceSums, 0);
            int i = rows[a];
            for (int row : rows) distanceSums[labels[row]] += Math.sqrt(squaredDistance(x, i, x, row));
            int own = labels[i];
            if (sizes[own] <= 1) {
                out[a] = 0;
                continue;
            }
            double within = distanceSums[own] / (sizes[own] - 1);
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) nearest = Math.min(nearest, distanceSums[c] / sizes[c]);
            }
            out[a] = (nearest - within) / Math.max(within, nearest);
        }
        return out;
    }

    /** Between-segment dispersion over within-segment dispersion, scaled by degrees of freedom. */
    public static double calinskiHarabasz(FeatureMatrix x, int[] labels, int k) {
        int n = x.rows();
        double[][] means = means(x, labels, k);
        int[] sizes = sizes(labels, k);
        double[] overall = new double[x.cols()];
        for (int i = 0; i < n; i++) for (int j = 0; j < x.cols(); j++) overall[j] += x.value(i, j);
        for (int j = 0; j < overall.length; j++) overall[j] /= n;
        double between = 0;
        for (int c = 0; c < k; c++) between += sizes[c] * squaredDistance(means[c], overall);
        double within = 0;
        for (int i = 0; i < n; i++) within += squaredDistance(x, i, means[labels[i]]);
        return within == 0 ? 1.0 : between * (n - k) / (within * (k - 1));
    }

    /** The mean, over segments, of the worst ratio of summed spreads to centroid distance. */
    public static double daviesBouldin(FeatureMatrix x, int[] labels, int k) {
        double[][] means = means(x, labels, k);
        int[] sizes = sizes(labels, k);
        double[] spread = new double[k];
        for (int i = 0; i < x.rows(); i++) spread[labels[i]] += Math.sqrt(squaredDistance(x, i, means[labels[i]]));
        for (int c = 0; c < k; c++) spread[c] /= sizes[c];
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

    static double[][] means(FeatureMatrix x, int[] labels, int k) {
        int d = x.cols();
        double[][] means = new double[k][d];
        int[] sizes = sizes(labels, k);
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) means[labels[i]][j] += x.value(i, j);
        }
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) means[c][j] /= sizes[c];
        return means;
    }

    private static int[] sizes(int[] labels, int k) {
        int[] sizes = new int[k];
        for (int label : labels) sizes[label]++;
        return sizes;
    }

    private static double squaredDistance(FeatureMatrix x, int i, double[] point) {
        double s = 0;
        for (int j = 0; j < point.length; j++) {
            double diff = x.value(i, j) - point[j];
            s += diff * diff;
        }
        return s;
    }

    private static double squaredDistance(FeatureMatrix x, int i, FeatureMatrix y, int row) {
        double s = 0;
        for (int j = 0; j < x.cols(); j++) {
            double diff = x.value(i, j) - y.value(row, j);
            s += diff * diff;
        }
        return s;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }
}
