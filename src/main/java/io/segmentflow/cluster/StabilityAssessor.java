package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Segmentation;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.model.Stability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Bootstrap stability: draws customers with replacement (seeded), clusters them again with the
 * run's algorithm and settings and compares the new segments with the run's on the same customers by the
 * adjusted Rand index. Segments that only exist by accident of the seed or the sample score low.
 */
public final class StabilityAssessor {
    private static final Logger LOG = LoggerFactory.getLogger(StabilityAssessor.class);

    /**
     * @param resamples  bootstrap resamples per run; 0 switches the check off
     * @param sampleSize customers per resample (all customers when there are fewer)
     * @param seed       seed of the first resample; resample i uses seed + i
     * @param minMeanAri below this mean the run is flagged as unstable
     */
    public record Settings(int resamples, int sampleSize, long seed, double minMeanAri) {
        public Settings {
            if (resamples < 0) throw new IllegalArgumentException("segmentation.stability.resamples must not be negative");
            if (sampleSize < 50) throw new IllegalArgumentException("segmentation.stability.sample must be at least 50");
        }
    }

    private final Settings settings;

    public StabilityAssessor(Settings settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.resamples() > 0;
    }

    public SegmentationRun assess(SegmentationRun run) {
        if (!enabled()) return run;
        long t0 = System.nanoTime();
        Stability stability = measure(run.scaled(), run.segmentation());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String figures = String.format(Locale.ROOT, "mean ARI %.3f, min %.3f over %d resamples of %,d customers",
                stability.mean(), stability.min(), stability.resamples(), stability.sampleSize());
        if (stability.stable()) {
            LOG.info("Stability of {}: {} in {} ms", run.request().inputName(), figures, ms);
        } else {
            LOG.warn("Segments of {} are unstable: {} (below {})", run.request().inputName(), figures, settings.minMeanAri());
        }
        return run.withStability(stability, ms);
    }

    public Stability measure(FeatureMatrix scaled, Segmentation full) {
        int n = scaled.rows();
        int m = Math.min(n, settings.sampleSize());
        ClusteringSettings clustering = full.settings().withK(full.k());
        List<Double> ari = new ArrayList<>();
        for (int r = 0; r < settings.resamples(); r++) {
            SplittableRandom random = new SplittableRandom(settings.seed() + r);
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) rows[i] = random.nextInt(n);
            FeatureMatrix resample = scaled.select(rows);
            int[] original = new int[m];
            for (int i = 0; i < m; i++) original[i] = full.segmentOf(rows[i]);
            try {
                ari.add(AdjustedRandIndex.of(original, again(full, clustering, resample).assignments()));
            } catch (InputRejectedException tooFewDistinct) {
                ari.add(0.0); // the resample could not even form k segments: as unstable as it gets
            }
        }
        double mean = ari.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double min = ari.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return new Stability(ari.size(), m, ari, mean, min, mean >= settings.minMeanAri());
    }

    /** The resample clustered by the same algorithm as the run. */
    private static Segmentation again(Segmentation full, ClusteringSettings clustering, FeatureMatrix resample) {
        String other = WekaSegmenter.keyOf(full.algorithm());
        return other == null ? new KMeansSegmenter(clustering).quiet().segment(resample)
                : new WekaSegmenter(other, clustering, Integer.MAX_VALUE).segment(resample);
    }
}
