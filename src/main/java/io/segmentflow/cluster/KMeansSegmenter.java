package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Segmentation;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import weka.clusterers.SimpleKMeans;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.SelectedTag;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Clusters the scaled features with Weka's SimpleKMeans. */
public final class KMeansSegmenter {
    private static final Logger LOG = LoggerFactory.getLogger(KMeansSegmenter.class);

    static {
        WekaEnvironment.prepare();
    }

    private final ClusteringSettings settings;

    public KMeansSegmenter(ClusteringSettings settings) {
        this.settings = settings;
    }

    public SegmentationRun cluster(SegmentationRun run) {
        long t0 = System.nanoTime();
        Segmentation result = segment(run.scaled());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Clustered {} customers of {} into {} segments: SSE {}, {} iterations, seed {}, {} ms",
                run.scaled().rows(), run.request().inputName(), result.k(), String.format("%.4f", result.sse()),
                result.iterations(), result.winningSeed(), ms);
        return run.withSegmentation(result, ms);
    }

    public Segmentation segment(FeatureMatrix scaled) {
        int k = settings.k();
        requireDistinctRows(scaled, k);
        Instances data = WekaInstances.of(scaled);
        double[] x = scaled.toArray();
        int d = scaled.cols();
        Candidate best = null;
        for (int r = 0; r < settings.restarts(); r++) {
            long seed = settings.seed() + r;
            Candidate candidate = fit(data, x, d, seed);
            LOG.info("Restart {}/{} (seed {}): SSE {}", r + 1, settings.restarts(), seed,
                    candidate == null ? "none (a segment came out empty)" : String.format("%.4f", candidate.sse));
            if (candidate != null && (best == null || candidate.sse < best.sse)) {
                best = candidate;
            }
        }
        if (best == null) {
            throw new InputRejectedException("k-means could not form " + k + " non-empty segments in "
                    + settings.restarts() + " restarts; try a smaller segmentation.cluster.k");
        }
        return bySize(best, x, d);
    }

    private static void requireDistinctRows(FeatureMatrix m, int k) {
        // Weka would quietly lower k to the number of distinct rows; refuse instead.
        Set<DistinctRow> distinct = new HashSet<>();
        for (int i = 0; i < m.rows() && distinct.size() < k; i++) {
            double[] row = m.row(i);
            for (int j = 0; j < row.length; j++) row[j] += 0.0; // -0.0 is the same point as 0.0 (Arrays.equals differs)
            distinct.add(new DistinctRow(row));
        }
        if (distinct.size() < k) {
            throw new InputRejectedException("only " + distinct.size() + " distinct customer"
                    + (distinct.size() == 1 ? "" : "s") + " after cleaning, fewer than the " + k
                    + " segments asked for (segmentation.cluster.k)");
        }
    }

    private Candidate fit(Instances data, double[] x, int d, long seed) {
        IterationCountingKMeans kMeans = new IterationCountingKMeans();
        try {
            kMeans.setNumClusters(settings.k());
            kMeans.setSeed((int) seed);
            kMeans.setMaxIterations(settings.maxIterations());
            kMeans.setInitializationMethod(new SelectedTag(
                    settings.init().equals("k-means++") ? SimpleKMeans.KMEANS_PLUS_PLUS : SimpleKMeans.RANDOM,
                    SimpleKMeans.TAGS_SELECTION));
            EuclideanDistance distance = new EuclideanDistance();
            distance.setDontNormalize(true); // features are scaled upstream; scaling twice would distort them
            kMeans.setDistanceFunction(distance);
            kMeans.setPreserveInstancesOrder(true);
            kMeans.setDontReplaceMissingValues(true); // cleaning has filled every value already
            kMeans.setNumExecutionSlots(settings.executionSlots());
            kMeans.buildClusterer(data);
            Instances centroidInstances = kMeans.getClusterCentroids();
            if (centroidInstances.numInstances() < settings.k()) {
                return null;
            }
            double[][] centroids = new double[settings.k()][];
            for (int c = 0; c < centroids.length; c++) {
                centroids[c] = centroidInstances.instance(c).toDoubleArray();
            }
            int[] assignments = kMeans.getAssignments();
            return new Candidate(assignments, centroids, sse(x, d, assignments, centroids), kMeans.iterations(), seed);
        } catch (Exception e) {
            throw new IllegalStateException("Weka SimpleKMeans failed (seed " + seed + "): " + e.getMessage(), e);
        }
    }

    private static double sse(double[] x, int d, int[] assignments, double[][] centroids) {
        double sum = 0;
        for (int i = 0; i < assignments.length; i++) {
            sum += squaredDistance(x, i * d, centroids[assignments[i]]);
        }
        return sum;
    }

    private static double squaredDistance(double[] x, int offset, double[] centroid) {
        double s = 0;
        for (int j = 0; j < centroid.length; j++) {
            double diff = x[offset + j] - centroid[j];
            s += diff * diff;
        }
        return s;
    }

    /** Renumbers segments by descending size (ties: Weka's order) and measures every distance. */
    private Segmentation bySize(Candidate c, double[] x, int d) {
        int k = c.centroids.length;
        int[] sizes = new int[k];
        for (int a : c.assignments) sizes[a]++;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> sizes[a] != sizes[b] ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
        int[] newId = new int[k];
        double[][] centroids = new double[k][];
        for (int rank = 0; rank < k; rank++) {
            newId[order[rank]] = rank;
            centroids[rank] = c.centroids[order[rank]];
        }
        int[] assignments = new int[c.assignments.length];
        double[] distances = new double[c.assignments.length];
        for (int i = 0; i < assignments.length; i++) {
            assignments[i] = newId[c.assignments[i]];
            distances[i] = Math.sqrt(squaredDistance(x, i * d, centroids[assignments[i]]));
        }
        return new Segmentation(assignments, distances, centroids, c.sse, c.iterations, c.seed, settings,
                SimpleKMeans.class.getName(), "Weka " + weka.core.Version.VERSION);
    }

    private record Candidate(int[] assignments, double[][] centroids, double sse, int iterations, long seed) {
    }

    private record DistinctRow(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DistinctRow r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** SimpleKMeans keeps its iteration count to itself. */
    private static final class IterationCountingKMeans extends SimpleKMeans {
        int iterations() {
            return m_Iterations;
        }
    }
}
