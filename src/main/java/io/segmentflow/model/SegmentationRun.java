package io.segmentflow.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch on its way through the routes. Each stage reads what earlier stages left and returns a
 * new run with its own result added; fields a stage has not reached yet are null.
 *
 * @param request       what started the run
 * @param rowsRead      data rows in the input (not counting the header)
 * @param table         the customers that are still in play
 * @param quarantine    rows that could not be used, with reasons
 * @param warnings      things a person should know that did not stop the run
 * @param imputation    how missing values were filled (clean)
 * @param referenceDate the date recency is measured against (features)
 * @param features      the feature matrix in original units (features)
 * @param scaler        the fitted scaler (scale)
 * @param scaled        the feature matrix in scaled units (scale)
 * @param segmentation  the clusterer's result (cluster)
 * @param profiles      one profile per segment, by segment id (profile)
 * @param timingsMs     milliseconds per stage, in stage order
 * @param outputDir     where the results were written (deliver)
 */
public record SegmentationRun(RunRequest request, long rowsRead, CustomerTable table, Quarantine quarantine,
                              List<String> warnings, Imputation imputation, LocalDate referenceDate,
                              FeatureMatrix features, Scaler scaler, FeatureMatrix scaled,
                              Segmentation segmentation, List<SegmentProfile> profiles,
                              Map<String, Long> timingsMs, Path outputDir) {

    public SegmentationRun {
        warnings = List.copyOf(warnings);
        profiles = profiles == null ? null : List.copyOf(profiles);
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    }

    public static SegmentationRun ingested(RunRequest request, long rowsRead, CustomerTable table,
                                           Quarantine quarantine, List<String> warnings, long ingestMs) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, null, null, null, null, null,
                null, null, Map.of("ingest", ingestMs), null);
    }

    /** Rows read = rows loaded + rows quarantined; every stage keeps this true. */
    public long rowsLoaded() {
        return table.rows();
    }

    public SegmentationRun cleaned(CustomerTable cleanTable, Quarantine q, Imputation imp, List<String> more, long ms) {
        return new SegmentationRun(request, rowsRead, cleanTable, q, concat(warnings, more), imp, referenceDate,
                features, scaler, scaled, segmentation, profiles, timed("clean", ms), outputDir);
    }

    public SegmentationRun withFeatures(LocalDate reference, CustomerTable usable, Quarantine q, FeatureMatrix matrix,
                                        long ms) {
        return new SegmentationRun(request, rowsRead, usable, q, warnings, imputation, reference,
                matrix, scaler, scaled, segmentation, profiles, timed("features", ms), outputDir);
    }

    public SegmentationRun withScaling(Scaler fitted, FeatureMatrix scaledMatrix, List<String> more, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, concat(warnings, more), imputation,
                referenceDate, features, fitted, scaledMatrix, segmentation, profiles, timed("scale", ms), outputDir);
    }

    public SegmentationRun withSegmentation(Segmentation result, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, result, profiles, timed("cluster", ms), outputDir);
    }

    public SegmentationRun withProfiles(List<SegmentProfile> result, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, result, timed("profile", ms), outputDir);
    }

    public SegmentationRun delivered(Path dir, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, profiles, timed("deliver", ms), dir);
    }

    private Map<String, Long> timed(String stage, long ms) {
        Map<String, Long> t = new LinkedHashMap<>(timingsMs);
        t.put(stage, ms);
        return t;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
