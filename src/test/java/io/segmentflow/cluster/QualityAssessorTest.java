package io.segmentflow.cluster;

import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.QualityFigures;
import io.segmentflow.support.ReferenceData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityAssessorTest {
    private static final FeatureMatrix X = ReferenceData.features();
    private static final int[] K4 = ReferenceData.labels("labels_k4");

    @Test
    void usesEveryCustomerUpToTheLimitAndMatchesTheExactSilhouette() {
        QualityFigures q = assessor(5_000, 0.25, 1.5).measure(X, K4, 4);
        assertTrue(q.silhouetteExact());
        assertEquals(3000, q.silhouetteSample());
        assertEquals(ClusterQuality.silhouette(X, K4, 4, IntStream.range(0, 3000).toArray()), q.silhouette());
        assertFalse(q.poor(), "the planted segments are good: " + q.concerns());
    }

    @Test
    void samplesAboveTheLimitAndStaysCloseToTheExactValue() {
        QualityFigures sampled = assessor(1_000, 0.25, 1.5).measure(X, K4, 4);
        QualityFigures exact = assessor(5_000, 0.25, 1.5).measure(X, K4, 4);
        assertFalse(sampled.silhouetteExact());
        assertEquals(1000, sampled.silhouetteSample());
        assertEquals(exact.silhouette(), sampled.silhouette(), 0.02, "a 1,000-customer sample estimates the silhouette");
    }

    @Test
    void stratifiedSampleIsSeededProportionalAndOfExactlyTheSizeAsked() {
        int[] a = QualityAssessor.stratifiedSample(K4, 4, 600, 7);
        int[] b = QualityAssessor.stratifiedSample(K4, 4, 600, 7);
        assertArrayEquals(a, b);
        assertEquals(600, a.length);
        int[] population = new int[4], sample = new int[4];
        for (int label : K4) population[label]++;
        for (int row : a) sample[K4[row]]++;
        for (int c = 0; c < 4; c++) {
            assertEquals(population[c] * 600.0 / K4.length, sample[c], 1.5, "segment " + c + " in proportion");
        }
        for (int i = 1; i < a.length; i++) assertTrue(a[i] > a[i - 1], "sorted, no repeats");
    }

    @Test
    void flagsPoorSegmentsWithTheReason() {
        QualityFigures random = assessor(5_000, 0.25, 1.5).measure(X, IntStream.range(0, 3000).map(i -> i % 4).toArray(), 4);
        assertTrue(random.poor());
        assertTrue(random.concerns().stream().anyMatch(c -> c.startsWith("silhouette")), random.concerns().toString());
        assertTrue(random.concerns().stream().anyMatch(c -> c.startsWith("Davies-Bouldin")), random.concerns().toString());
    }

    @Test
    void withoutTheSilhouetteTheOtherFiguresAndTheirChecksStay() {
        int[] random = IntStream.range(0, 3000).map(i -> i % 4).toArray();
        QualityFigures with = assessor(5_000, 0.25, 1.5).measure(X, random, 4);
        QualityFigures without = new QualityAssessor(new QualityAssessor.Settings(5_000, 42, 0.25, 1.5, false)).measure(X, random, 4);

        assertFalse(without.silhouetteMeasured());
        assertTrue(Double.isNaN(without.silhouette()));
        assertFalse(without.silhouetteExact());
        assertEquals(with.calinskiHarabasz(), without.calinskiHarabasz());
        assertEquals(with.daviesBouldin(), without.daviesBouldin());
        assertTrue(without.poor());
        assertEquals(List.of("Davies-Bouldin"), without.concerns().stream().map(c -> c.split(" ")[0]).toList());
    }

    private static QualityAssessor assessor(int exactUpTo, double minSilhouette, double maxDaviesBouldin) {
        return new QualityAssessor(new QualityAssessor.Settings(exactUpTo, 42, minSilhouette, maxDaviesBouldin, true));
    }
}
