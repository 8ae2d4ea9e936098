package io.segmentflow.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to score new customers without refitting, apart from the clusterer itself
 * (which the cluster package keeps in Weka's own format beside it): the feature specification,
 * the fitted scaler, the segments with their lasting ids and names, and the run's manifest.
 *
 * @param formatVersion  {@link #FORMAT_VERSION} when written; a reader refuses newer versions
 * @param runId          the run that fitted it
 * @param features       feature names, in the clusterer's column order
 * @param recencyFrom    the date column recency_days is measured from (when it is a feature)
 * @param referenceDate  the date recency was measured against in the run; scoring uses it too
 * @param scaler         the run's fitted scaler
 * @param centroids      one row per segment (same order as {@code segments}), in scaled units
 * @param segments       the segments with their lasting ids, names and profiles
 * @param nextSegmentId  the id the next new segment gets, so a vanished segment's id is never reused
 * @param manifest       where the model came from
 */
public record SavedModel(int formatVersion, String runId, List<String> features, String recencyFrom,
                         LocalDate referenceDate, Scaler scaler, double[][] centroids, List<SegmentProfile> segments,
                         int nextSegmentId, Manifest manifest) {
    public static final int FORMAT_VERSION = 1;

    public SavedModel {
        features = List.copyOf(features);
        segments = List.copyOf(segments);
        if (centroids.length != segments.size()) {
            throw new IllegalArgumentException(centroids.length + " centroids for " + segments.size() + " segments");
        }
        double[][] copy = new double[centroids.length][];
        for (int i = 0; i < centroids.length; i++) {
            if (centroids[i].length != features.size()) {
                throw new IllegalArgumentException("centroid " + i + " has " + centroids[i].length + " coordinates for "
                        + features.size() + " features");
            }
            copy[i] = centroids[i].clone();
        }
        centroids = copy;
    }

    public int k() {
        return segments.size();
    }

    /** A copy of one segment's centroid, scaled units. */
    public double[] centroid(int segment) {
        return centroids[segment].clone();
    }

    /**
     * The run a model came from.
     *
     * @param createdAt   when the run started (ISO instant)
     * @param inputName   the input's name
     * @param inputSha256 the input's SHA-256 (null for a database query)
     * @param rowsRead    data rows read
     * @param rowsLoaded  customers segmented
     * @param algorithm   the clusterer, e.g. weka.clusterers.SimpleKMeans
     * @param library     e.g. Weka 3.8.6
     * @param seed        the seed of the first restart
     * @param sse         the run's sum of squared distances (scaled units)
     * @param versions    segmentflow, camel and java versions
     */
    public record Manifest(String createdAt, String inputName, String inputSha256, long rowsRead, long rowsLoaded,
                           String algorithm, String library, long seed, double sse, Map<String, String> versions) {
        public Manifest {
            versions = Map.copyOf(versions);
        }
    }
}
