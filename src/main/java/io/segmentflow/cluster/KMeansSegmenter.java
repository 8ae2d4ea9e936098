package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Segmentation;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import weka.clusterers.SimpleKMeans;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.SelectedTag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Clusters the scaled features with Weka's SimpleKMeans. */
public final class KMeansSegmenter {
    private static final Logger LOG = LoggerFactory.getLogger(KMeansSegmenter.class);

    static {
        WekaEnvironment.prepare(); // before any weka class loads, which is here
    }

    private final ClusteringSettings settings;
    private final boolean restartsAtInfo;

    public KMeansSegmenter(ClusteringSettings settings) {
        this(settings, true);
    }

    private KMeansSegmenter(ClusteringSettings settings, boolean restartsAtInfo) {
        this.settings = settings;
        this.restartsAtInfo = restartsAtInfo;
    }

    /** The same clusterer with each restart's line at DEBUG: stability's 25 re-clusterings per run are no news. */
    KMeansSegmenter quiet() {
        return new KMeansSegmenter(settings, false);
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
        double[] x = scaled.values(); // read only
        int d = scaled.cols();
        int n = scaled.rows();
        int[] sample = settings.samples(n) ? RowSample.draw(n, settings.sampleSize(), settings.seed()) : null;
        if (sample != null && distinctRows(x, d, sample, k) < k) {
            sample = null; // the sample is too uniform to hold k segments; fit on everyone instead
        }
        Candidate best = bestRestart(x, d, sample, scaled);
        if (sample == null) {
            return bySize(best, x, d, n, null);
        }
        // Carry the sample's centroids over to everyone and let them settle there.
        LloydRefinement.Result refined = LloydRefinement.refine(x, d, best.centroids, settings.maxIterations());
        Candidate full = new Candidate(refined.assignments(), refined.centroids(),
                sse(x, d, refined.assignments(), refined.centroids()), best.iterations + refined.iterations(), best.seed);
        String approximation = String.format(java.util.Locale.ROOT,
                "SimpleKMeans fitted on a seeded random sample of %d of %d customers (segmentation.cluster.sample-size,"
                        + " sample seed %d; best of %d restarts by SSE on the sample, %d iterations), then refined by Lloyd"
                        + " iterations on all customers: %d iteration%s, %s",
                sample.length, n, settings.seed(), settings.restarts(), best.iterations, refined.iterations(),
                refined.iterations() == 1 ? "" : "s",
                refined.converged() ? "until no customer changed segment" : "stopped at segmentation.cluster.max-iterations");
        LOG.info("Refined the sample's centroids on all {} customers: {} iterations, SSE {}", n, refined.iterations(),
                String.format("%.4f", full.sse));
        return bySize(full, x, d, sample.length, approximation);
    }

    /** Runs the seeded restarts side by side (each is independent) and keeps the lowest SSE; ties go to the earlier seed. */
    private Candidate bestRestart(double[] x, int d, int[] rows, FeatureMatrix scaled) {
        int k = settings.k();
        int threads = Math.min(settings.executionSlots(), settings.restarts());
        // SimpleKMeans gives the same result for any number of execution slots; spend the cores on restarts first.
        int wekaSlots = Math.max(1, settings.executionSlots() / threads);
        double[] fitValues = rows == null ? x : gather(x, d, rows);
        List<Candidate> candidates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Candidate>> futures = new ArrayList<>();
            for (int r = 0; r < settings.restarts(); r++) {
                long seed = settings.seed() + r;
                // every restart gets its own Instances: SimpleKMeans is not documented as safe on shared data
                futures.add(pool.submit(() -> fit(WekaInstances.of(fitValues, d, null, scaled.featureNames()),
                        fitValues, d, seed, wekaSlots)));
            }
            for (Future<Candidate> f : futures) candidates.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while clustering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Candidate best = null;
        for (int r = 0; r < candidates.size(); r++) {
            Candidate candidate = candidates.get(r);
            LOG.atLevel(restartsAtInfo ? Level.INFO : Level.DEBUG).log("Restart {}/{} (seed {}{}): SSE {}", r + 1,
                    settings.restarts(), settings.seed() + r, rows == null ? "" : ", sample of " + rows.length,
                    candidate == null ? "none (a segment came out empty)" : String.format("%.4f", candidate.sse));
            if (candidate != null && (best == null || candidate.sse < best.sse)) {
                best = candidate;
            }
        }
        if (best == null) {
            throw new InputRejectedException("k-means could not form " + k + " non-empty segments in "
                    + settings.restarts() + " restarts; try a smaller segmentation.cluster.k");
        }
        return best;
    }

    private static double[] gather(double[] x, int d, int[] rows) {
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) System.arraycopy(x, rows[i] * d, out, i * d, d);
        return out;
    }

    private static int distinctRows(double[] x, int d, int[] rows, int atLeast) {
        Set<DistinctRow> distinct = new HashSet<>();
        for (int i = 0; i < rows.length && distinct.size() < atLeast; i++) {
            double[] row = new double[d];
            for (int j = 0; j < d; j++) row[j] = x[rows[i] * d + j] + 0.0; // -0.0 is the same point as 0.0
            distinct.add(new DistinctRow(row));
        }
        return distinct.size();
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

    private Candidate fit(Instances data, double[] x, int d, long seed, int executionSlots) {
        IterationCountingKMeans kMeans = new IterationCountingKMeans();
        try {
            kMeans.setNumClusters(settings.k());
            kMeans.setSeed((int) seed);
            kMeans.setMaxIterations(settings.maxIterations());
            kMeans.setInitializationMethod(new SelectedTag(
                    settings.init().equals("k-means++") ? SimpleKMeans.KMEANS_PLUS_PLUS : SimpleKMeans.RANDOM,
                    SimpleKMeans.TAGS_SELECTION));
            // features are scaled upstream, so Weka's normalisation stays off (scaling twice would distort them)
            EuclideanDistance distance = new FastEuclideanDistance();
            kMeans.setDistanceFunction(distance);
            kMeans.setPreserveInstancesOrder(true);
            kMeans.setDontReplaceMissingValues(true); // cleaning has filled every value already
            kMeans.setNumExecutionSlots(executionSlots);
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
    private Segmentation bySize(Candidate c, double[] x, int d, int fittedOn, String approximation) {
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
                SimpleKMeans.class.getName(), "Weka " + weka.core.Version.VERSION, fittedOn, approximation);
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
