package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Segmentation;
import io.segmentflow.support.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Weka's other clusterers give the same kind of result as k-means, on the scikit-learn reference data. */
class WekaSegmenterTest {
    private static final FeatureMatrix X = ReferenceData.features();
    private static final int[] PLANTED = ReferenceData.labels("true_segment");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"em, 0.9", "hierarchical, 0.9", "farthest-first, 0.3", "canopy, 0.3"})
    void findsTheFourPlantedSegmentsWithTheSameOutputsAsKMeans(String algorithm, double minimumAri) {
        // Hierarchical clustering grows with the cube of the population: a 1,000-customer sample keeps it quick.
        FeatureMatrix x = algorithm.equals("hierarchical") ? SegmentClusterer.sample(X, 1000, 1) : X;
        int[] planted = algorithm.equals("hierarchical") ? plantedOf(x) : PLANTED;
        Segmentation s = new WekaSegmenter(algorithm, settings(4), 5000).segment(x);

        assertEquals(4, s.k());
        assertEquals(4, s.settings().k());
        int[] sizes = new int[4];
        for (int a : s.assignments()) sizes[a]++;
        for (int c = 1; c < 4; c++) assertTrue(sizes[c] <= sizes[c - 1], "numbered by descending size");
        double[][] means = ClusterQuality.Dispersion.of(x, s.assignments(), 4).means();
        for (int c = 0; c < 4; c++) {
            for (int j = 0; j < x.cols(); j++) assertEquals(means[c][j], s.centroid(c)[j], 1e-9, "centroid = mean of members");
        }
        assertEquals(ClusterQuality.Dispersion.of(x, s.assignments(), 4).sse(), s.sse(), 1e-6 * s.sse());
        double ari = AdjustedRandIndex.of(planted, s.assignments());
        assertTrue(ari >= minimumAri, algorithm + " ARI " + ari);
    }

    @Test
    void emChoosesItsOwnNumberOfSegmentsWhenAskedForMinusOne() {
        FeatureMatrix small = SegmentClusterer.sample(X, 600, 1);
        Segmentation s = new WekaSegmenter("em", settings(-1), 5000).segment(small);
        assertTrue(s.k() >= 2, "EM chose " + s.k());
        assertTrue(s.algorithm().endsWith(".EM"));
    }

    @Test
    void hierarchicalRefusesPopulationsAboveItsLimitSayingWhy() {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new WekaSegmenter("hierarchical", settings(4), 1000).segment(X));
        assertTrue(e.getMessage().contains("limited to 1,000"), e.getMessage());
        assertTrue(e.getMessage().contains("segmentation.cluster.hierarchical-limit"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownAlgorithm() {
        assertThrows(IllegalArgumentException.class, () -> new WekaSegmenter("magic", settings(4), 10));
    }

    /** The planted labels of a sample, found by customer id. */
    private static int[] plantedOf(FeatureMatrix sample) {
        java.util.Map<String, Integer> byId = new java.util.HashMap<>();
        for (int i = 0; i < X.rows(); i++) byId.put(X.customerId(i), PLANTED[i]);
        return java.util.stream.IntStream.range(0, sample.rows()).map(i -> byId.get(sample.customerId(i))).toArray();
    }

    private static ClusteringSettings settings(int k) {
        return new ClusteringSettings(k, 42, "k-means++", 1, 100, 1);
    }
}
