package io.segmentflow.model;

/**
 * The clusterer's result, segments numbered 0..k-1 by descending size.
 *
 * @param assignments   segment index per customer, in matrix row order
 * @param distances     Euclidean distance of each customer to its centroid, in scaled units
 * @param centroids     k rows of d centroid coordinates, in scaled units
 * @param sse           sum of squared distances to the assigned centroids (scaled units)
 * @param iterations    iterations of the winning restart (plus the refinement on everyone, if sampled)
 * @param winningSeed   the seed of the winning restart
 * @param settings      what was asked for
 * @param algorithm     e.g. "weka.clusterers.SimpleKMeans"
 * @param library       e.g. "Weka 3.8.6"
 * @param fittedOn      how many customers SimpleKMeans was fitted on (all of them unless sampled)
 * @param approximation how the result departs from fitting SimpleKMeans on everyone, or null if it does not
 */
public record Segmentation(int[] assignments, double[] distances, double[][] centroids, double sse,
                           int iterations, long winningSeed, ClusteringSettings settings,
                           String algorithm, String library, int fittedOn, String approximation) {
    public Segmentation {
        if (assignments.length != distances.length) {
            throw new IllegalArgumentException("one distance per assignment expected");
        }
        assignments = assignments.clone();
        distances = distances.clone();
        double[][] copy = new double[centroids.length][];
        for (int i = 0; i < centroids.length; i++) copy[i] = centroids[i].clone();
        centroids = copy;
    }

    /** A result fitted on every customer. */
    public Segmentation(int[] assignments, double[] distances, double[][] centroids, double sse, int iterations,
                        long winningSeed, ClusteringSettings settings, String algorithm, String library) {
        this(assignments, distances, centroids, sse, iterations, winningSeed, settings, algorithm, library,
                assignments.length, null);
    }

    public int k() {
        return centroids.length;
    }

    public int segmentOf(int row) {
        return assignments[row];
    }

    public double distance(int row) {
        return distances[row];
    }

    public double[] centroid(int segment) {
        return centroids[segment].clone();
    }
}
