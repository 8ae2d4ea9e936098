package io.segmentflow.model;

/**
 * How the clusterer is run; recorded in every output so a run can be repeated.
 *
 * @param k              the number of segments; -1 lets EM or Canopy choose
 * @param seed           seed of the first restart; restart i uses seed + i (the fit sample is drawn with seed)
 * @param init           initialisation, "k-means++" or "random"
 * @param restarts       independent runs, the lowest SSE wins
 * @param maxIterations  iteration limit per run
 * @param executionSlots threads for the restarts (run side by side)
 * @param sampleSize     above this many customers SimpleKMeans is fitted on a seeded sample of this size and
 *                       the result refined on everyone; 0 = always fit on everyone
 */
public record ClusteringSettings(int k, long seed, String init, int restarts, int maxIterations, int executionSlots,
                                 int sampleSize) {
    /** The sample size used when none is given. */
    public static final int DEFAULT_SAMPLE_SIZE = 20_000;

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
        if (sampleSize < 0 || (sampleSize > 0 && sampleSize < 1000)) {
            // a tiny sample would decide the segments on a handful of customers
            throw new IllegalArgumentException("segmentation.cluster.sample-size must be 0 (no sample) or at least 1000, was "
                    + sampleSize);
        }
        if (executionSlots < 1) executionSlots = 1;
    }

    public ClusteringSettings(int k, long seed, String init, int restarts, int maxIterations, int executionSlots) {
        this(k, seed, init, restarts, maxIterations, executionSlots, DEFAULT_SAMPLE_SIZE);
    }

    public ClusteringSettings withK(int newK) {
        return new ClusteringSettings(newK, seed, init, restarts, maxIterations, executionSlots, sampleSize);
    }

    /** True when a population of this size is fitted on a sample. */
    public boolean samples(int rows) {
        return sampleSize > 0 && rows > sampleSize;
    }
}
