package io.segmentflow.model;

import java.util.List;
import java.util.Map;

/**
 * What one segment is, in original units.
 *
 * @param id             1-based segment id, by descending size
 * @param name           unique within the run, e.g. "High-Value"
 * @param size           customers in the segment
 * @param share          size / customers segmented, 0..1
 * @param centroid       the centroid per feature, in original units
 * @param centroidZ      the centroid per feature as z-scores against the whole population
 * @param mean           mean per feature, original units
 * @param median         median per feature, original units
 * @param distinguishing the features that most set the segment apart, strongest first
 * @param recommendation what to do with these customers
 */
public record SegmentProfile(int id, String name, int size, double share, Map<String, Double> centroid,
                             Map<String, Double> centroidZ, Map<String, Double> mean, Map<String, Double> median,
                             List<Distinction> distinguishing, String recommendation) {

    public SegmentProfile {
        centroid = Map.copyOf(centroid);
        centroidZ = Map.copyOf(centroidZ);
        mean = Map.copyOf(mean);
        median = Map.copyOf(median);
        distinguishing = List.copyOf(distinguishing);
    }

    /** "segments/3-at-risk.csv" and the like: ids and names reduced to safe file-name characters. */
    public String fileStem() {
        String safe = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return id + "-" + (safe.isEmpty() ? "segment" : safe);
    }

    /**
     * One feature that sets a segment apart.
     *
     * @param feature the feature name
     * @param z       the segment's centroid in standard deviations from the population mean
     */
    public record Distinction(String feature, double z) {
        public String describe() {
            return (z >= 0 ? "high " : "low ") + feature + String.format(java.util.Locale.ROOT, " (%+.1f sd)", z);
        }
    }
}
