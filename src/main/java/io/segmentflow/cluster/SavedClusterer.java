package io.segmentflow.cluster;

import weka.clusterers.SimpleKMeans;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.nio.file.Path;
import java.util.List;

/**
 * A run's clusterer in Weka's own format ({@link SerializationHelper}), so any Weka tool can open it:
 * a SimpleKMeans whose centroids are exactly the run's final centroids (after any refinement on
 * everyone), stored with the segment each of its clusters stands for. Scoring is the nearest
 * centroid, which is what SimpleKMeans' own {@code clusterInstance} computes; {@link #wekaSegmentOf}
 * asks Weka itself, so tests can hold the fast path to it.
 */
public final class SavedClusterer {
    static {
        WekaEnvironment.prepare();
    }

    private final SimpleKMeans kMeans;
    private final int[] segmentOfCluster;
    private final Instances header;
    private final double[][] centroids;

    private SavedClusterer(SimpleKMeans kMeans, int[] segmentOfCluster) {
        this.kMeans = kMeans;
        this.segmentOfCluster = segmentOfCluster.clone();
        Instances weka = kMeans.getClusterCentroids();
        this.header = new Instances(weka, 0);
        this.centroids = new double[weka.numInstances()][];
        for (int c = 0; c < weka.numInstances(); c++) {
            centroids[segmentOfCluster[c]] = weka.instance(c).toDoubleArray();
        }
    }

    /**
     * Writes a SimpleKMeans fitted on the centroids themselves: with one point per cluster, Weka
     * takes each point as its own centroid, so its clusters are the run's segments, in its own order.
     *
     * @param centroids one row per segment, scaled units, in segment order
     */
    public static void write(Path file, List<String> features, double[][] centroids) {
        int k = centroids.length, d = features.size();
        double[] flat = new double[k * d];
        for (int c = 0; c < k; c++) System.arraycopy(centroids[c], 0, flat, c * d, d);
        try {
            SimpleKMeans kMeans = new SimpleKMeans();
            kMeans.setNumClusters(k);
            kMeans.setDistanceFunction(new FastEuclideanDistance());
            kMeans.setPreserveInstancesOrder(true);
            kMeans.setDontReplaceMissingValues(true);
            kMeans.buildClusterer(WekaInstances.of(flat, d, null, features));
            int[] clusterOfSegment = kMeans.getAssignments();
            int[] segmentOfCluster = new int[k];
            java.util.Arrays.fill(segmentOfCluster, -1);
            for (int segment = 0; segment < k; segment++) segmentOfCluster[clusterOfSegment[segment]] = segment;
            if (kMeans.getClusterCentroids().numInstances() != k || java.util.Arrays.stream(segmentOfCluster).anyMatch(s -> s < 0)) {
                throw new IllegalStateException("the centroids are not distinct; Weka cannot keep " + k + " clusters");
            }
            SerializationHelper.writeAll(file.toString(), new Object[]{kMeans, segmentOfCluster});
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the clusterer to " + file + ": " + e.getMessage(), e);
        }
    }

    public static SavedClusterer read(Path file) {
        try {
            Object[] objects = SerializationHelper.readAll(file.toString());
            if (objects.length != 2 || !(objects[0] instanceof SimpleKMeans kMeans) || !(objects[1] instanceof int[] map)) {
                throw new IllegalStateException(file + " does not hold a Segmentflow SimpleKMeans clusterer");
            }
            return new SavedClusterer(kMeans, map);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the clusterer " + file + ": " + e.getMessage(), e);
        }
    }

    /** The centroids in segment order (copies). */
    public double[][] centroids() {
        double[][] copy = new double[centroids.length][];
        for (int i = 0; i < copy.length; i++) copy[i] = centroids[i].clone();
        return copy;
    }

    /** The segment (0-based) Weka's own clusterInstance picks for one scaled row: the slow, reference path. */
    public int wekaSegmentOf(double[] scaledRow) {
        try {
            DenseInstance instance = new DenseInstance(1.0, scaledRow.clone());
            instance.setDataset(header);
            return segmentOfCluster[kMeans.clusterInstance(instance)];
        } catch (Exception e) {
            throw new IllegalStateException("Weka could not score a row: " + e.getMessage(), e);
        }
    }
}
