package io.segmentflow.model;

/**
 * How the clusterer is run; recorded in every output so a run can be repeated.
 *
 * @param k              the number of segments; -1 lets EM or Canopy choose
 * @param seed           seed of the first restart; restart i uses seed + i
 * @param init           initialisation, "k-means++" or "random"
 * @param restarts       independent runs, the lowest SSE wins
 * @param maxIterations  iteration limit per run
 * @param executionSlots threads Weka may use per run
 */
public record ClusteringSettings(int k, long seed, String init, int restarts, int maxIterations, int executionSlots) {
    public ClusteringSettings {
        if (k < 1 && k != -1) throw new IllegalArgumentException("segmentation.cluster.k must be at least 1, was " + k);
        if (restarts < 1) throw new IllegalArgumentException("segmentation.cluster.restarts must be at least 1, was " + restarts);
        if (maxIterations < 1) throw new IllegalArgumentException("segmentation.cluster.max-iterations must be at least 1, was " + maxIterations);
        if (!init.equals("k-means++") && !init.equals("random")) {
            throw new IllegalArgumentException("segmentation.cluster.init must be k-means++ or random, was " + init);
        }
        if (seed < Integer.MIN_VALUE || seed + restarts - 1 > Integer.MAX_VALUE) {
            // Weka takes an int seed; a larger one would be cut silently and the summary would lie.
            throw new IllegalArgumentException("segmentation.cluster.seed must be a 32-bit number, was " + seed);
        }
        if (executionSlots < 1) executionSlots = 1;
    }

    public ClusteringSettings withK(int newK) {
        return new ClusteringSettings(newK, seed, init, restarts, maxIterations, executionSlots);
    }
}
