package io.segmentflow.cluster;

import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.QualityFigures;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures every run's segments and says when they look poor. The silhouette compares every pair
 * of customers, so above a configured population it uses a seeded sample stratified by segment.
 */
public final class QualityAssessor {
    private static final Logger LOG = LoggerFactory.getLogger(QualityAssessor.class);

    /**
     * @param exactSilhouetteUpTo the silhouette uses everyone up to this population, a sample of this size above
     * @param sampleSeed          the seed of that sample
     * @param minSilhouette       below this mean silhouette the segments overlap too much
     * @param maxDaviesBouldin    above this the segments are spread wider than they are apart
     * @param silhouette          false skips the silhouette (the pairs of its sample are most of this stage's time);
     *                            Calinski-Harabasz and Davies-Bouldin are measured either way
     */
    public record Settings(int exactSilhouetteUpTo, long sampleSeed, double minSilhouette, double maxDaviesBouldin,
                           boolean silhouette) {
        public Settings {
            if (exactSilhouetteUpTo < 100) {
                throw new IllegalArgumentException("segmentation.quality.exact-silhouette-up-to must be at least 100");
            }
        }
    }

    private final Settings settings;

    public QualityAssessor(Settings settings) {
        this.settings = settings;
    }

    public SegmentationRun assess(SegmentationRun run) {
        long t0 = System.nanoTime();
        QualityFigures q = measure(run.scaled(), run.segmentation().assignments(), run.segmentation().k());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String silhouette = !q.silhouetteMeasured() ? "silhouette not measured (segmentation.quality.silhouette=false)"
                : String.format(Locale.ROOT, "silhouette %.3f (%s)", q.silhouette(),
                q.silhouetteExact() ? "all customers" : "sample of " + q.silhouetteSample());
        String figures = String.format(Locale.ROOT, "%s, Calinski-Harabasz %.1f, Davies-Bouldin %.3f", silhouette,
                q.calinskiHarabasz(), q.daviesBouldin());
        if (q.poor()) {
            LOG.warn("Segments of {} look poor: {}; {}", run.request().inputName(), String.join("; ", q.concerns()), figures);
        } else {
            LOG.info("Quality of {}: {} in {} ms", run.request().inputName(), figures, ms);
        }
        return run.withQuality(q, ms);
    }

    public QualityFigures measure(FeatureMatrix x, int[] labels, int k) {
        boolean withSilhouette = settings.silhouette();
        int[] rows = withSilhouette ? stratifiedSample(labels, k, settings.exactSilhouetteUpTo(), settings.sampleSeed()) : new int[0];
        double silhouette = withSilhouette ? ClusterQuality.silhouette(x, labels, k, rows) : Double.NaN;
        ClusterQuality.Dispersion dispersion = ClusterQuality.Dispersion.of(x, labels, k);
        double ch = dispersion.calinskiHarabasz();
        double db = dispersion.daviesBouldin();
        List<String> concerns = new ArrayList<>();
        if (silhouette < settings.minSilhouette()) { // false for NaN: not measured
            concerns.add(String.format(Locale.ROOT, "silhouette %.3f is below %s: customers sit almost as close to another"
                    + " segment as to their own", silhouette, settings.minSilhouette()));
        }
        if (db > settings.maxDaviesBouldin()) {
            concerns.add(String.format(Locale.ROOT, "Davies-Bouldin %.3f is above %s: segments are spread wider than they"
                    + " are apart", db, settings.maxDaviesBouldin()));
        }
        return new QualityFigures(dispersion.sse(), silhouette, rows.length, withSilhouette && rows.length == labels.length,
                ch, db, concerns);
    }

    /** Every row when there are few enough; otherwise each segment sampled in proportion to its size. */
    static int[] stratifiedSample(int[] labels, int k, int max, long seed) {
        int n = labels.length;
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[][] members = new int[k][];
        int[] sizes = new int[k];
        for (int label : labels) sizes[label]++;
        for (int c = 0; c < k; c++) members[c] = new int[sizes[c]];
        int[] filled = new int[k];
        for (int i = 0; i < n; i++) members[labels[i]][filled[labels[i]]++] = i;
        SplittableRandom random = new SplittableRandom(seed);
        int[] sample = new int[max];
        int taken = 0;
        for (int c = 0; c < k; c++) {
            // Largest segments last take what rounding left, so the sample is exactly max rows.
            int quota = c == k - 1 ? max - taken : (int) Math.round((double) sizes[c] * max / n);
            quota = Math.min(quota, sizes[c]);
            int[] m = members[c];
            for (int i = 0; i < quota; i++) { // partial Fisher-Yates within the segment
                int j = i + random.nextInt(m.length - i);
                int t = m[i]; m[i] = m[j]; m[j] = t;
                sample[taken++] = m[i];
            }
        }
        int[] out = Arrays.copyOf(sample, taken);
        Arrays.sort(out);
        return out;
    }
}
