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
 * @param kSelection    how k was chosen, when it was automatic (cluster)
 * @param quality       how trustworthy the segments are (quality)
 * @param stability     whether the segments come back on resampled customers (stability)
 * @param projection    the first two principal components, for the report (deliver-report)
 * @param timingsMs     milliseconds per stage, in stage order
 * @param stagingDir    the hidden folder the results are written into before they are published
 * @param outputDir     where the results were published (deliver)
 * @param evolution     what changed since the previous run's model (identity); null before that step or
 *                      for the first run
 */
public record SegmentationRun(RunRequest request, long rowsRead, CustomerTable table, Quarantine quarantine,
                              List<String> warnings, Imputation imputation, LocalDate referenceDate,
                              FeatureMatrix features, Scaler scaler, FeatureMatrix scaled,
                              Segmentation segmentation, KSelection kSelection, QualityFigures quality,
                              Stability stability, List<SegmentProfile> profiles,
                              Projection projection,
                              Map<String, Long> timingsMs, Path stagingDir, Path outputDir, Evolution evolution) {

    public SegmentationRun {
        warnings = List.copyOf(warnings);
        profiles = profiles == null ? null : List.copyOf(profiles);
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    }

    public static SegmentationRun ingested(RunRequest request, long rowsRead, CustomerTable table,
                                           Quarantine quarantine, List<String> warnings, long ingestMs) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, null, null, null, null, null,
                null, null, null, null, null, null, Map.of("ingest", ingestMs), null, null, null);
    }

    /** Rows read = rows loaded + rows quarantined; every stage keeps this true. */
    public long rowsLoaded() {
        return table.rows();
    }

    public SegmentationRun cleaned(CustomerTable cleanTable, Quarantine q, Imputation imp, List<String> more, long ms) {
        return new SegmentationRun(request, rowsRead, cleanTable, q, concat(warnings, more), imp, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, profiles, projection, timed("clean", ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withFeatures(LocalDate reference, CustomerTable usable, Quarantine q, FeatureMatrix matrix,
                                        long ms) {
        return new SegmentationRun(request, rowsRead, usable, q, warnings, imputation, reference,
                matrix, scaler, scaled, segmentation, kSelection, quality, stability, profiles, projection, timed("features", ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withScaling(Scaler fitted, FeatureMatrix scaledMatrix, List<String> more, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, concat(warnings, more), imputation,
                referenceDate, features, fitted, scaledMatrix, segmentation, kSelection, quality, stability, profiles, projection, timed("scale", ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withSegmentation(Segmentation result, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, result, kSelection, quality, stability, profiles, projection, timed("cluster", ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withKSelection(KSelection selection, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, selection, quality, stability, profiles, projection, timed("choose-k", ms),
                stagingDir, outputDir, evolution);
    }

    /** The same run with one more stage's time, for stages that add no result of their own. */
    public SegmentationRun withTiming(String stage, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, profiles, projection,
                timed(stage, ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withQuality(QualityFigures figures, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, figures, stability, profiles, projection, timed("quality", ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withStability(Stability result, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, result, profiles, projection,
                timed("stability", ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withProfiles(List<SegmentProfile> result, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, result, projection, timed("profile", ms), stagingDir, outputDir, evolution);
    }

    public SegmentationRun withProjection(Projection result) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, profiles, result, timingsMs, stagingDir, outputDir, evolution);
    }

    /** The files are written into {@code dir}, not yet visible where they belong. */
    public SegmentationRun staged(Path dir, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, profiles, projection, timed("deliver", ms), dir, outputDir, evolution);
    }

    public SegmentationRun reported(long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, profiles, projection, timed("report", ms), stagingDir, outputDir, evolution);
    }

    /** Published: the staging folder was renamed to {@code dir}; its time is added to "deliver". */
    public SegmentationRun delivered(Path dir, long ms) {
        Map<String, Long> t = new LinkedHashMap<>(timingsMs);
        t.merge("deliver", ms, Long::sum);
        return new SegmentationRun(request, rowsRead, table, quarantine, warnings, imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, profiles, projection, t, null, dir, evolution);
    }

    /** Segments renamed to their lasting identities, with what changed since the previous model. */
    public SegmentationRun withEvolution(List<SegmentProfile> renamed, Evolution result, List<String> more, long ms) {
        return new SegmentationRun(request, rowsRead, table, quarantine, concat(warnings, more), imputation, referenceDate,
                features, scaler, scaled, segmentation, kSelection, quality, stability, renamed, projection,
                timed("identity", ms), stagingDir, outputDir, result);
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
