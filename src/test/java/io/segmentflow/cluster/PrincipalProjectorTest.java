package io.segmentflow.cluster;

import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Projection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrincipalProjectorTest {

    /** Points spread along (1, 1, 0) with small noise: the first component must point that way. */
    private static FeatureMatrix stretchedAlongADiagonal(int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n * 3];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            double t = 5 * random.nextGaussian();
            values[3 * i] = t + 0.1 * random.nextGaussian();
            values[3 * i + 1] = t + 0.1 * random.nextGaussian();
            values[3 * i + 2] = random.nextGaussian();
            ids[i] = "C" + i;
        }
        return new FeatureMatrix(ids, List.of("a", "b", "c"), values);
    }

    @Test
    void firstComponentFollowsTheDirectionOfMostVariance() {
        Projection p = new PrincipalProjector().project(stretchedAlongADiagonal(5_000, 1));

        double[] first = p.components()[0];
        assertEquals(1 / Math.sqrt(2), Math.abs(first[0]), 0.01);
        assertEquals(1 / Math.sqrt(2), Math.abs(first[1]), 0.01);
        assertEquals(0, first[2], 0.02);
        assertEquals(1, Math.abs(p.components()[1][2]), 0.02, "the second component is the remaining spread");
        assertTrue(p.explainedShare(0) > 0.95, "explains " + p.explainedShare(0));
        assertTrue(p.explainedShare(0) + p.explainedShare(1) <= 1 + 1e-12);
    }

    @Test
    void componentsAreUnitLengthAndOrthogonal() {
        Projection p = new PrincipalProjector().project(stretchedAlongADiagonal(2_000, 2));
        double[] a = p.components()[0], b = p.components()[1];
        assertEquals(1, dot(a, a), 1e-9);
        assertEquals(1, dot(b, b), 1e-9);
        assertEquals(0, dot(a, b), 1e-9);
    }

    @Test
    void theSameDataAlwaysGivesTheSamePicture() {
        FeatureMatrix m = stretchedAlongADiagonal(1_000, 3);
        Projection first = new PrincipalProjector().project(m);
        Projection second = new PrincipalProjector().project(m);
        assertArrayEquals(first.components()[0], second.components()[0]);
        assertArrayEquals(first.components()[1], second.components()[1]);
        assertTrue(firstNonZero(first.components()[0]) > 0, "the sign is fixed: first non-zero coordinate positive");
    }

    @Test
    void projectingTheMeanGivesTheOrigin() {
        FeatureMatrix m = stretchedAlongADiagonal(500, 4);
        Projection p = new PrincipalProjector().project(m);
        assertArrayEquals(new double[] {0, 0}, p.project(p.mean()), 1e-12);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double firstNonZero(double[] v) {
        for (double x : v) if (Math.abs(x) > 1e-12) return x;
        return 0;
    }
}
