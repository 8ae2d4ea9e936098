package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Segmentation;
import io.segmentflow.model.Stability;
import io.segmentflow.support.ReferenceData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilityAssessorTest {
    private static final StabilityAssessor.Settings SETTINGS = new StabilityAssessor.Settings(5, 1500, 42, 0.8);

    @Test
    void plantedSegmentsComeBackOnEveryResample() {
        FeatureMatrix x = ReferenceData.features();
        Segmentation full = segment(x, 4);
        Stability s = new StabilityAssessor(SETTINGS).measure(x, full);
        assertEquals(5, s.resamples());
        assertEquals(1500, s.sampleSize());
        assertTrue(s.mean() > 0.95, "mean ARI " + s.mean());
        assertTrue(s.stable());
        assertEquals(s.ari().stream().mapToDouble(Double::doubleValue).min().orElseThrow(), s.min());
    }

    @Test
    void segmentsCutOutOfStructurelessDataAreFlaggedUnstable() {
        Random random = new Random(9);
        double[] values = new double[3000 * 3];
        for (int i = 0; i < values.length; i++) values[i] = random.nextDouble();
        String[] ids = new String[3000];
        for (int i = 0; i < ids.length; i++) ids[i] = "U" + i;
        FeatureMatrix uniform = new FeatureMatrix(ids, List.of("a", "b", "c"), values);
        Stability s = new StabilityAssessor(SETTINGS).measure(uniform, segment(uniform, 9));
        assertFalse(s.stable(), "mean ARI " + s.mean());
    }

    @Test
    void sameSeedSameFigures() {
        FeatureMatrix x = ReferenceData.features();
        Segmentation full = segment(x, 5);
        assertEquals(new StabilityAssessor(SETTINGS).measure(x, full), new StabilityAssessor(SETTINGS).measure(x, full));
    }

    private static Segmentation segment(FeatureMatrix x, int k) {
        return new KMeansSegmenter(new ClusteringSettings(k, 42, "k-means++", 3, 100, 1)).segment(x);
    }
}
