package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.KSelection;
import io.segmentflow.model.Segmentation;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cluster step: k-means with the configured k, or, when k is {@code auto}, every k in the
 * range compared on a seeded sample by the configured criterion, then k-means with the winner on
 * everyone. The evidence goes into the run as a {@link KSelection}.
 */
public final class SegmentClusterer {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentClusterer.class);
    public static final List<String> CRITERIA = List.of("silhouette", "calinski-harabasz", "davies-bouldin", "sse-knee");

    /**
     * @param auto      choose k instead of using {@code clustering.k()}
     * @param minK      smallest candidate
     * @param maxK      largest candidate
     * @param criterion one of {@link #CRITERIA}
     * @param sample    candidates are compared on at most this many customers (a seeded sample)
     */
    public record AutoK(boolean auto, int minK, int maxK, String criterion, int sample) {
        public AutoK {
            if (auto && (minK < 2 || maxK < minK)) {
                throw new IllegalArgumentException("segmentation.cluster.k-min must be at least 2 and at most k-max, were "
                        + minK + " and " + maxK);
            }
            if (!CRITERIA.contains(criterion)) {
                throw new IllegalArgumentException("segmentation.cluster.k-criterion must be one of " + CRITERIA + ", was " + criterion);
            }
            if (sample < 100) throw new IllegalArgumentException("segmentation.cluster.k-sample must be at least 100");
        }
    }

    private static final int SILHOUETTE_SAMPLE = 2_000;

    private final ClusteringSettings clustering;
    private final AutoK autoK;
    private final String algorithm;
    private final int hierarchicalLimit;
    private final StabilityAssessor stability;

    public SegmentClusterer(ClusteringSettings clustering, AutoK autoK) {
        this(clustering, autoK, "k-means", 0, null);
    }

    /**
     * @param algorithm         "k-means" (Weka SimpleKMeans) or one of {@link WekaSegmenter#ALGORITHMS}
     * @param hierarchicalLimit the largest population hierarchical clustering accepts
     */
    /** @param stability measures every candidate k's stability too; null for none */
    public SegmentClusterer(ClusteringSettings clustering, AutoK autoK, String algorithm, int hierarchicalLimit,
                            StabilityAssessor stability) {
        if (!algorithm.equals("k-means") && !WekaSegmenter.ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("segmentation.cluster.algorithm must be k-means or one of "
                    + WekaSegmenter.ALGORITHMS + ", was " + algorithm);
        }
        this.clustering = clustering;
        this.autoK = autoK;
        this.algorithm = algorithm;
        this.hierarchicalLimit = hierarchicalLimit;
        this.stability = stability;
    }

    public SegmentationRun cluster(SegmentationRun run) {
        if (!algorithm.equals("k-means")) {
            // EM and Canopy choose k themselves when asked for -1; the others need a number.
            boolean ownChoice = autoK.auto() && (algorithm.equals("em") || algorithm.equals("canopy"));
            int k = ownChoice ? -1 : autoK.auto() ? choose(run.scaled()).chosenK() : clustering.k();
            return new WekaSegmenter(algorithm, clustering.withK(k), hierarchicalLimit).cluster(run);
        }
        if (!autoK.auto()) {
            return new KMeansSegmenter(clustering).cluster(run);
        }
        long t0 = System.nanoTime();
        KSelection selection = choose(run.scaled());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Chose k = {} for {} in {} ms: {}", selection.chosenK(), run.request().inputName(), ms, selection.reason());
        return new KMeansSegmenter(clustering.withK(selection.chosenK())).cluster(run).withKSelection(selection, ms);
    }

    public KSelection choose(FeatureMatrix scaled) {
        FeatureMatrix sample = sample(scaled, autoK.sample(), clustering.seed());
        List<KSelection.Score> scores = scores(sample);
        return select(scores, sample.rows());
    }

    /** How many customers the silhouette of a candidate compares, out of {@code evaluatedOn}. */
    static int silhouetteSample(int evaluatedOn) {
        return Math.min(evaluatedOn, SILHOUETTE_SAMPLE);
    }

    /** Every candidate k clustered and measured; independent of the criterion. */
    public List<KSelection.Score> scores(FeatureMatrix sample) {
        // The silhouette compares every pair: on a further sample it costs milliseconds, not seconds, per k.
        int[] silhouetteRows = io.segmentflow.model.SeededSample.rows(sample.rows(), SILHOUETTE_SAMPLE, clustering.seed());
        List<KSelection.Score> scores = new ArrayList<>();
        for (int k = autoK.minK(); k <= autoK.maxK(); k++) {
            if (k >= sample.rows()) break;
            Segmentation s;
            try {
                s = new KMeansSegmenter(clustering.withK(k)).segment(sample);
            } catch (io.segmentflow.model.InputRejectedException tooFewDistinct) {
                break; // no larger k can work either
            }
            int[] labels = s.assignments();
            io.segmentflow.model.Stability st = stability == null || !stability.enabled() ? null : stability.measure(sample, s);
            ClusterQuality.Dispersion dispersion = ClusterQuality.Dispersion.of(sample, labels, k);
            scores.add(new KSelection.Score(k, dispersion.sse(),
                    ClusterQuality.silhouette(sample, labels, k, silhouetteRows), dispersion.calinskiHarabasz(),
                    dispersion.daviesBouldin(), st == null ? Double.NaN : st.mean(),
                    st == null ? Double.NaN : st.min()));
        }
        if (scores.isEmpty()) {
            throw new io.segmentflow.model.InputRejectedException("no k from " + autoK.minK() + " to " + autoK.maxK()
                    + " can be tried: too few distinct customers");
        }
        return scores;
    }

    /** The configured criterion's pick among measured candidates. */
    public KSelection select(List<KSelection.Score> scores, int evaluatedOn) {
        KSelection.Score chosen = scores.get(best(scores));
        return new KSelection(autoK.criterion(), chosen.k(), reason(scores, chosen), evaluatedOn,
                silhouetteSample(evaluatedOn), scores);
    }

    private int best(List<KSelection.Score> scores) {
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (better(scores.get(i), scores.get(best), scores)) best = i;
        }
        return autoK.criterion().equals("sse-knee") ? knee(scores) : best;
    }

    private boolean better(KSelection.Score a, KSelection.Score b, List<KSelection.Score> all) {
        return switch (autoK.criterion()) {
            case "silhouette" -> a.silhouette() > b.silhouette();
            case "calinski-harabasz" -> a.calinskiHarabasz() > b.calinskiHarabasz();
            case "davies-bouldin" -> a.daviesBouldin() < b.daviesBouldin();
            default -> false;
        };
    }

    /** The elbow of the SSE curve: the k furthest below the straight line from the first to the last k. */
    static int knee(List<KSelection.Score> scores) {
        int n = scores.size();
        if (n < 3) return 0;
        double x0 = scores.get(0).k(), x1 = scores.get(n - 1).k();
        double y0 = scores.get(0).sse(), y1 = scores.get(n - 1).sse();
        int best = 0;
        double deepest = 0;
        for (int i = 1; i < n - 1; i++) {
            double line = y0 + (y1 - y0) * (scores.get(i).k() - x0) / (x1 - x0);
            double depth = (line - scores.get(i).sse()) / Math.max(y0 - y1, Double.MIN_VALUE);
            if (depth > deepest) {
                deepest = depth;
                best = i;
            }
        }
        return best;
    }

    private String reason(List<KSelection.Score> scores, KSelection.Score chosen) {
        String range = scores.get(0).k() + " to " + scores.get(scores.size() - 1).k();
        return switch (autoK.criterion()) {
            case "silhouette" -> String.format(Locale.ROOT, "k = %d has the highest silhouette (%.3f) of k = %s: its customers"
                    + " sit closest to their own segment relative to the next one.", chosen.k(), chosen.silhouette(), range);
            case "calinski-harabasz" -> String.format(Locale.ROOT, "k = %d has the highest Calinski-Harabasz index (%.1f) of"
                    + " k = %s: the best ratio of separation between segments to spread within them.", chosen.k(),
                    chosen.calinskiHarabasz(), range);
            case "davies-bouldin" -> String.format(Locale.ROOT, "k = %d has the lowest Davies-Bouldin index (%.3f) of k = %s:"
                    + " its segments are the most compact relative to their distance.", chosen.k(), chosen.daviesBouldin(), range);
            default -> String.format(Locale.ROOT, "k = %d is the elbow of the SSE curve over k = %s: more segments beyond it"
                    + " reduce the spread much less.", chosen.k(), range);
        };
    }

    /** Everyone when small enough; otherwise a seeded random sample, in row order. */
    static FeatureMatrix sample(FeatureMatrix m, int max, long seed) {
        if (m.rows() <= max) return m;
        return m.select(io.segmentflow.model.SeededSample.rows(m.rows(), max, seed));
    }

}
