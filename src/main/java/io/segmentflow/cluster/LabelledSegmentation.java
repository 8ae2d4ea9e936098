package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Segmentation;

import java.util.Arrays;

/**
 * Turns any clusterer's labels into a {@link Segmentation}: empty clusters dropped, segments
 * numbered by descending size (ties: the clusterer's order), centroids as the segments' means,
 * each customer's distance to its centroid and the SSE.
 */
final class LabelledSegmentation {
    private LabelledSegmentation() {
    }

    static Segmentation of(int[] labels, FeatureMatrix x, ClusteringSettings settings, String algorithm, int iterations,
                           long seed) {
        int clusters = Arrays.stream(labels).max().orElse(-1) + 1;
        int[] sizes = new int[clusters];
        for (int label : labels) sizes[label]++;
        Integer[] order = java.util.stream.IntStream.range(0, clusters).filter(c -> sizes[c] > 0).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> sizes[a] != sizes[b] ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
        int k = order.length;
        int[] newId = new int[clusters];
        for (int rank = 0; rank < k; rank++) newId[order[rank]] = rank;
        int d = x.cols();
        double[][] centroids = new double[k][d];
        int[] assignments = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            assignments[i] = newId[labels[i]];
            for (int j = 0; j < d; j++) centroids[assignments[i]][j] += x.value(i, j);
        }
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) centroids[c][j] /= sizes[order[c]];
        double[] distances = new double[labels.length];
        double sse = 0;
        for (int i = 0; i < labels.length; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = x.value(i, j) - centroids[assignments[i]][j];
                s += diff * diff;
            }
            sse += s;
            distances[i] = Math.sqrt(s);
        }
        return new Segmentation(assignments, distances, centroids, sse, iterations, seed, settings.withK(k), algorithm,
                "Weka " + weka.core.Version.VERSION);
    }
}
