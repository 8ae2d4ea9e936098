package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Segmentation;
import org.junit.jupiter.api.Test;
import weka.clusterers.SimpleKMeans;
import weka.core.EuclideanDistance;
import weka.core.Instances;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sampled fit and the primitive refinement agree with SimpleKMeans where they claim to. */
class SampledFitTest {

    /** Uniform noise: no clear clusters, so many customers sit near a boundary between two centroids. */
    private static double[] noise(long seed, int n, int d) {
        Random random = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian();
        return x;
    }

    private static FeatureMatrix matrix(double[] x, int d) {
        int n = x.length / d;
        String[] ids = IntStream.range(0, n).mapToObj(i -> "C" + i).toArray(String[]::new);
        return new FeatureMatrix(ids, IntStream.range(0, d).mapToObj(j -> "f" + j).toList(), x);
    }

    private static SimpleKMeans wekaFit(Instances data, int k, int seed) throws Exception {
        EuclideanDistance distance = new EuclideanDistance();
        distance.setDontNormalize(true);
        return wekaFit(data, k, seed, distance);
    }

    private static SimpleKMeans wekaFit(Instances data, int k, int seed, EuclideanDistance distance) throws Exception {
        SimpleKMeans kMeans = new SimpleKMeans();
        kMeans.setNumClusters(k);
        kMeans.setSeed(seed);
        kMeans.setInitializationMethod(new weka.core.SelectedTag(SimpleKMeans.KMEANS_PLUS_PLUS, SimpleKMeans.TAGS_SELECTION));
        kMeans.setDistanceFunction(distance);
        kMeans.setPreserveInstancesOrder(true);
        kMeans.setDontReplaceMissingValues(true);
        kMeans.setMaxIterations(500);
        kMeans.buildClusterer(data);
        return kMeans;
    }

    private static double[][] centroids(SimpleKMeans kMeans) {
        Instances c = kMeans.getClusterCentroids();
        double[][] out = new double[c.numInstances()][];
        for (int i = 0; i < out.length; i++) out[i] = c.instance(i).toDoubleArray();
        return out;
    }

    @Test
    void assignsEveryCustomerToTheCentroidWekaChoosesForTheSameCentroids() throws Exception {
        int d = 4;
        double[] x = noise(11, 20_000, d);
        Instances data = WekaInstances.of(x, d, null, List.of("a", "b", "c", "d"));
        SimpleKMeans kMeans = wekaFit(data, 6, 3);
        double[][] centroids = centroids(kMeans);

        int[] ours = new int[data.numInstances()];
        Arrays.fill(ours, -1);
        LloydRefinement.assign(x, d, centroids, ours);

        for (int i = 0; i < data.numInstances(); i++) {
            assertEquals(kMeans.clusterInstance(data.instance(i)), ours[i], "customer " + i);
        }
    }

    @Test
    void refiningConvergedWekaCentroidsChangesNoAssignment() throws Exception {
        int d = 3;
        double[] x = noise(12, 10_000, d);
        SimpleKMeans kMeans = wekaFit(WekaInstances.of(x, d, null, List.of("a", "b", "c")), 5, 8);

        LloydRefinement.Result refined = LloydRefinement.refine(x, d, centroids(kMeans), 100);

        // one move of the centroids to the means (in our summation order), after which nobody changes segment
        assertEquals(1, refined.iterations());
        assertTrue(refined.converged());
        assertArrayEquals(kMeans.getAssignments(), refined.assignments());
    }

    @Test
    void refinementEndsAtAFixedPointOfLloydsAlgorithm() {
        int d = 2;
        double[] x = noise(13, 5_000, d);
        double[][] start = {{-1, -1}, {1, 1}, {1, -1}, {0, 0}};

        LloydRefinement.Result refined = LloydRefinement.refine(x, d, start, 100);

        assertTrue(refined.converged());
        double[][] means = LloydRefinement.means(x, d, refined.assignments(), refined.centroids());
        for (int c = 0; c < means.length; c++) assertArrayEquals(means[c], refined.centroids()[c], 1e-12);
    }

    /** Plain Lloyd: every customer measured against every centroid in every iteration. */
    private static LloydRefinement.Result plainLloyd(double[] x, int d, double[][] start, int maxIterations) {
        int[] assignments = new int[x.length / d];
        Arrays.fill(assignments, -1);
        double[][] centroids = start;
        for (int iterations = 0; ; iterations++) {
            int changed = LloydRefinement.assign(x, d, centroids, assignments);
            if (changed == 0) return new LloydRefinement.Result(assignments, centroids, iterations, true);
            if (iterations == maxIterations) return new LloydRefinement.Result(assignments, centroids, iterations, false);
            centroids = LloydRefinement.means(x, d, assignments, centroids);
        }
    }

    @Test
    void skippingCustomersByBoundsGivesPlainLloydsResultExactly() {
        java.util.Random random = new java.util.Random(16);
        for (int trial = 0; trial < 12; trial++) {
            int d = 2 + trial % 4;
            int k = 2 + trial % 6;
            double[] x = noise(100 + trial, 20_000 + 9_000 * trial, d);
            if (trial % 3 == 0) for (int i = 0; i < x.length; i++) x[i] = Math.rint(x[i] * 2) / 2; // ties on a grid
            double[][] start = new double[k][d];
            for (double[] c : start) for (int j = 0; j < d; j++) c[j] = random.nextGaussian();
            int maxIterations = trial == 5 ? 3 : 300;

            LloydRefinement.Result plain = plainLloyd(x, d, start, maxIterations);
            LloydRefinement.Result bounded = LloydRefinement.refine(x, d, start, maxIterations);

            assertEquals(plain.iterations(), bounded.iterations(), "trial " + trial);
            assertEquals(plain.converged(), bounded.converged(), "trial " + trial);
            assertArrayEquals(plain.assignments(), bounded.assignments(), "trial " + trial);
            for (int c = 0; c < k; c++) assertArrayEquals(plain.centroids()[c], bounded.centroids()[c], 0.0, "trial " + trial);
        }
    }

    @Test
    void assignmentDoesNotDependOnTheNumberOfThreads() {
        int d = 4;
        double[] x = noise(14, 200_000, d); // several parallel chunks
        double[][] centroids = {{0, 0, 0, 0}, {1, 0, 0, 1}, {-1, 1, 0, 0}, {0, -1, 1, 0}};
        int[] parallel = new int[x.length / d];
        LloydRefinement.assign(x, d, centroids, parallel);

        for (int i = 0; i < parallel.length; i++) {
            assertEquals(LloydRefinement.nearest(x, i * d, d, centroids), parallel[i], "customer " + i);
        }
    }

    @Test
    void sampledFitIsNoWorseThanFittingOnEveryoneByMoreThanATenthOfAPercent() {
        int d = 4;
        FeatureMatrix m = matrix(noise(15, 30_000, d), d);

        Segmentation everyone = new KMeansSegmenter(new ClusteringSettings(4, 42, "k-means++", 3, 100, 2, 0)).segment(m);
        Segmentation sampled = new KMeansSegmenter(new ClusteringSettings(4, 42, "k-means++", 3, 100, 2, 3_000)).segment(m);

        assertNull(everyone.approximation());
        assertEquals(30_000, everyone.fittedOn());
        assertEquals(3_000, sampled.fittedOn());
        assertTrue(sampled.approximation().contains("sample of 3000 of 30000"), sampled.approximation());
        assertTrue(sampled.sse() <= everyone.sse() * 1.001, "sampled " + sampled.sse() + ", everyone " + everyone.sse());
    }

    @Test
    void sampledFitIsRepeatable() {
        int d = 3;
        FeatureMatrix m = matrix(noise(16, 20_000, d), d);
        ClusteringSettings settings = new ClusteringSettings(5, 7, "k-means++", 2, 100, 2, 2_000);

        Segmentation first = new KMeansSegmenter(settings).segment(m);
        Segmentation second = new KMeansSegmenter(settings).segment(m);

        assertArrayEquals(first.assignments(), second.assignments());
        assertEquals(first.sse(), second.sse());
    }

    @Test
    void drawsDistinctRowsInOrderTheSameForTheSameSeed() {
        int[] a = RowSample.draw(100_000, 5_000, 42);
        int[] b = RowSample.draw(100_000, 5_000, 42);
        int[] c = RowSample.draw(100_000, 5_000, 43);

        assertArrayEquals(a, b);
        assertEquals(5_000, a.length);
        assertEquals(5_000, IntStream.of(a).distinct().count());
        for (int i = 1; i < a.length; i++) assertTrue(a[i - 1] < a[i]);
        assertTrue(a[0] >= 0 && a[a.length - 1] < 100_000);
        assertTrue(!Arrays.equals(a, c), "another seed, another sample");
    }

    @Test
    void fastDistanceGivesSimpleKMeansTheSameResultAsWekasOwn() throws Exception {
        int d = 4;
        double[] x = noise(17, 20_000, d);
        List<String> names = List.of("a", "b", "c", "d");
        SimpleKMeans plain = wekaFit(WekaInstances.of(x, d, null, names), 5, 4);
        SimpleKMeans fast = wekaFit(WekaInstances.of(x, d, null, names), 5, 4, new FastEuclideanDistance());

        assertArrayEquals(plain.getAssignments(), fast.getAssignments());
        assertEquals(plain.getSquaredError(), fast.getSquaredError());
        double[][] a = centroids(plain), b = centroids(fast);
        for (int c = 0; c < a.length; c++) assertArrayEquals(a[c], b[c]);
    }
}
