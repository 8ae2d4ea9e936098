package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Segmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansSegmenterTest {

    /** Seeded Gaussian blobs; blob b has sizes[b] points around (10 * b, 10 * b, ...) with sd 0.5. */
    private record Blobs(FeatureMatrix matrix, int[] truth) {
        static Blobs of(long seed, int dims, int... sizes) {
            Random random = new Random(seed);
            int n = IntStream.of(sizes).sum();
            double[] values = new double[n * dims];
            int[] truth = new int[n];
            String[] ids = new String[n];
            int row = 0;
            for (int b = 0; b < sizes.length; b++) {
                for (int i = 0; i < sizes[b]; i++, row++) {
                    ids[row] = "C" + row;
                    truth[row] = b;
                    for (int j = 0; j < dims; j++) {
                        // blobs on different corners, so no two share a coordinate pattern
                        double centre = 10.0 * ((b + j) % sizes.length) + (j == 0 ? 0 : 3 * b);
                        values[row * dims + j] = centre + 0.5 * random.nextGaussian();
                    }
                }
            }
            List<String> names = IntStream.range(0, dims).mapToObj(j -> "f" + j).toList();
            return new Blobs(new FeatureMatrix(ids, names, values), truth);
        }
    }

    private static ClusteringSettings settings(int k, long seed, int restarts) {
        return new ClusteringSettings(k, seed, "k-means++", restarts, 100, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void recoversEverySeededBlobAsOneSegment(int dims) {
        Blobs blobs = Blobs.of(7 + dims, dims, 30, 50, 20, 40);

        Segmentation s = new KMeansSegmenter(settings(4, 42, 5)).segment(blobs.matrix());

        int[] segmentOfBlob = {-1, -1, -1, -1};
        for (int i = 0; i < blobs.truth().length; i++) {
            int b = blobs.truth()[i];
            if (segmentOfBlob[b] < 0) segmentOfBlob[b] = s.segmentOf(i);
            assertEquals(segmentOfBlob[b], s.segmentOf(i), "customer " + i + " of blob " + b);
        }
        assertEquals(4, IntStream.of(segmentOfBlob).distinct().count(), "each blob its own segment");
    }

    @Test
    void numbersSegmentsByDescendingSize() {
        Blobs blobs = Blobs.of(11, 2, 30, 50, 20, 40);

        Segmentation s = new KMeansSegmenter(settings(4, 42, 3)).segment(blobs.matrix());

        int[] sizes = new int[s.k()];
        for (int a : s.assignments()) sizes[a]++;
        assertArrayEquals(new int[] {50, 40, 30, 20}, sizes);
    }

    @Test
    void givesIdenticalResultsForSameInputAndSettings() {
        Blobs blobs = Blobs.of(3, 3, 40, 35, 25);
        ClusteringSettings settings = settings(3, 99, 4);

        Segmentation first = new KMeansSegmenter(settings).segment(blobs.matrix());
        Segmentation second = new KMeansSegmenter(settings).segment(blobs.matrix());

        assertArrayEquals(first.assignments(), second.assignments());
        assertArrayEquals(first.distances(), second.distances());
        for (int c = 0; c < first.k(); c++) assertArrayEquals(first.centroid(c), second.centroid(c));
        assertEquals(first.sse(), second.sse());
        assertEquals(first.winningSeed(), second.winningSeed());
    }

    @Test
    void givesTheSameResultWhateverTheNumberOfExecutionSlots() {
        // execution-slots=0 means "the cores of this machine": results must not depend on it.
        Blobs blobs = Blobs.of(9, 3, 3000, 2000, 1500, 1000);

        Segmentation one = new KMeansSegmenter(new ClusteringSettings(4, 42, "k-means++", 2, 100, 1)).segment(blobs.matrix());
        Segmentation four = new KMeansSegmenter(new ClusteringSettings(4, 42, "k-means++", 2, 100, 4)).segment(blobs.matrix());

        assertArrayEquals(one.assignments(), four.assignments());
        for (int c = 0; c < one.k(); c++) assertArrayEquals(one.centroid(c), four.centroid(c));
        assertEquals(one.sse(), four.sse());
    }

    @Test
    void reportsSseAsSumOfSquaredDistancesToAssignedCentroids() {
        Blobs blobs = Blobs.of(5, 3, 40, 30, 20);
        FeatureMatrix m = blobs.matrix();

        Segmentation s = new KMeansSegmenter(settings(3, 1, 2)).segment(m);

        double sse = 0;
        for (int i = 0; i < m.rows(); i++) sse += squaredDistance(m.row(i), s.centroid(s.segmentOf(i)));
        assertEquals(sse, s.sse(), 1e-9 * sse);
    }

    @Test
    void measuresEuclideanDistanceToAssignedCentroid() {
        Blobs blobs = Blobs.of(6, 4, 25, 25, 30);
        FeatureMatrix m = blobs.matrix();

        Segmentation s = new KMeansSegmenter(settings(3, 1, 2)).segment(m);

        for (int i = 0; i < m.rows(); i++) {
            double expected = Math.sqrt(squaredDistance(m.row(i), s.centroid(s.segmentOf(i))));
            assertEquals(expected, s.distance(i), 1e-12, "customer " + i);
        }
    }

    @Test
    void rejectsFewerDistinctRowsThanSegments() {
        FeatureMatrix m = cycling(10, new double[][] {{0, 0}, {5, 5}, {9, 1}});

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new KMeansSegmenter(settings(4, 42, 1)).segment(m));
        assertTrue(e.getMessage().contains("only 3 distinct"), e.getMessage());
        assertTrue(e.getMessage().contains("4 segments"), e.getMessage());
    }

    @Test
    void countsNegativeZeroAsTheSamePointAsZero() {
        // "-0" in a column of zeros scales to -0.0; Weka's k-means++ then fails with "Sum is zero".
        FeatureMatrix m = cycling(10, new double[][] {{0, 0}, {-0.0, 0}, {5, 5}, {9, 1}});

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new KMeansSegmenter(settings(4, 42, 1)).segment(m));
        assertTrue(e.getMessage().contains("only 3 distinct"), e.getMessage());
    }

    @Test
    void clustersRawValuesWithoutWekaNormalisation() {
        // f0 spans 0..1000 uniformly, f1 is two tight groups at 0 and 1. Plain Euclidean k-means is
        // dominated by f0; with Weka's min-max rescaling f1 would decide the split instead.
        Random random = new Random(2024);
        int n = 200;
        double[] values = new double[n * 2];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "C" + i;
            values[2 * i] = 1000 * random.nextDouble();
            values[2 * i + 1] = (i % 2) + 0.01 * random.nextGaussian();
        }
        FeatureMatrix m = new FeatureMatrix(ids, List.of("wide", "narrow"), values);

        Segmentation s = new KMeansSegmenter(settings(2, 42, 3)).segment(m);

        assertIsRawLloydFixedPoint(m, s);
        Set<Integer> segmentsOfEvenRows = new HashSet<>();
        for (int i = 0; i < n; i += 2) segmentsOfEvenRows.add(s.segmentOf(i));
        assertEquals(2, segmentsOfEvenRows.size(), "the split must not follow the narrow feature");
    }

    @Test
    void neverGetsWorseWithMoreRestarts() {
        // Uniform noise has many local optima, so restarts matter.
        Random random = new Random(77);
        int n = 300;
        double[] values = new double[n * 2];
        for (int i = 0; i < values.length; i++) values[i] = random.nextDouble();
        String[] ids = IntStream.range(0, n).mapToObj(i -> "C" + i).toArray(String[]::new);
        FeatureMatrix m = new FeatureMatrix(ids, List.of("x", "y"), values);

        List<Double> sse = new ArrayList<>();
        for (int restarts : new int[] {1, 2, 4, 8}) {
            sse.add(new KMeansSegmenter(new ClusteringSettings(7, 5, "random", restarts, 100, 1)).segment(m).sse());
        }
        for (int i = 1; i < sse.size(); i++) {
            assertTrue(sse.get(i) <= sse.get(i - 1), "SSE by restarts 1, 2, 4, 8: " + sse);
        }
    }

    /** One more plain Euclidean Lloyd step on the raw values changes nothing. */
    private static void assertIsRawLloydFixedPoint(FeatureMatrix m, Segmentation s) {
        int k = s.k();
        int d = m.cols();
        double[][] sum = new double[k][d];
        int[] count = new int[k];
        for (int i = 0; i < m.rows(); i++) {
            double[] x = m.row(i);
            int nearest = 0;
            for (int c = 1; c < k; c++) {
                if (squaredDistance(x, s.centroid(c)) < squaredDistance(x, s.centroid(nearest))) nearest = c;
            }
            assertEquals(nearest, s.segmentOf(i), "customer " + i + " is nearer another centroid");
            count[s.segmentOf(i)]++;
            for (int j = 0; j < d; j++) sum[s.segmentOf(i)][j] += x[j];
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                assertEquals(sum[c][j] / count[c], s.centroid(c)[j], 1e-9, "centroid " + c + " feature " + j);
            }
        }
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }

    /** n customers in two features, repeating the given points in turn. */
    private static FeatureMatrix cycling(int n, double[][] points) {
        double[] values = new double[2 * n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "C" + i;
            values[2 * i] = points[i % points.length][0];
            values[2 * i + 1] = points[i % points.length][1];
        }
        return new FeatureMatrix(ids, List.of("a", "b"), values);
    }
}
