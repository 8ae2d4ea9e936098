package io.segmentflow.deliver;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.KSelection;
import io.segmentflow.model.Stability;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shape of summary.json: the run manifest, the segments and their quality. */
record RunSummary(String runId, String startedAt, Input input, List<String> features, String referenceDate,
                  List<Scaling> scaling, Algorithm algorithm,
                  @JsonInclude(JsonInclude.Include.NON_NULL) KSelection kSelection, double sse, int iterations, Quality quality,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Stability stability,
                  List<Segment> segments,
                  List<String> warnings, Map<String, Long> timingsMs, Map<String, String> versions,
                  @JsonInclude(JsonInclude.Include.NON_NULL) EvolutionSummary evolution) {

    record Input(String name, String sha256, long rowsRead, long rowsLoaded, long rowsQuarantined,
                 Map<String, Integer> quarantineReasons, String imputation, Map<String, Integer> missingValuesFilled,
                 @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> detected,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Transactions transactions) {
    }

    /** A transaction source's accounting: read = used + quarantined. */
    record Transactions(long read, long used, long quarantined, Map<String, Integer> quarantineReasons, long cancellations,
                        int customers) {
    }

    /** The run's quality figures; {@code poor} with its reasons when thresholds were crossed. */
    /** silhouette is null when it was not measured (segmentation.quality.silhouette=false). */
    record Quality(double sse, Double silhouette, int silhouetteSampleSize, boolean silhouetteExact,
                   double calinskiHarabasz, double daviesBouldin, boolean poor, List<String> concerns) {
    }

    record Scaling(String feature, String method, double centre, double scale) {
    }

    /** @param restartSeeds the seed of every restart, in order (restart i uses seed + i) */
    record Algorithm(String name, String library, int k, long seed, List<Long> restartSeeds, String init, int restarts,
                     int maxIterations,
                     int executionSlots, long winningSeed, int sampleSize, int fittedOn, String approximation) {
    }

    record Segment(int id, String name, int size, double share, Map<String, Double> centroid,
                   Map<String, Double> centroidZ, Map<String, Double> mean, Map<String, Double> median,
                   List<Distinction> distinguishing, String recommendation) {
    }

    record Distinction(String feature, double z, String description) {
    }

    static RunSummary of(SegmentationRun run, Map<String, Long> timings, Map<String, String> versions) {
        var r = run.request();
        var input = new Input(r.inputName(), r.sha256(), run.rowsRead(), run.rowsLoaded(), run.quarantine().size(),
                run.quarantine().countsByReason(), run.imputation().strategy(), new TreeMap<>(run.imputation().filled()),
                r.facts().detected(), transactions(r.facts().transactions()));
        List<Scaling> scaling = new ArrayList<>();
        var scaler = run.scaler();
        for (int j = 0; j < scaler.features().size(); j++) {
            scaling.add(new Scaling(scaler.features().get(j), scaler.methods().get(j).key(), scaler.centre(j), scaler.scale(j)));
        }
        var s = run.segmentation();
        ClusteringSettings c = s.settings();
        List<Long> restartSeeds = java.util.stream.LongStream.range(c.seed(), c.seed() + c.restarts()).boxed().toList();
        var algorithm = new Algorithm(s.algorithm(), s.library(), c.k(), c.seed(), restartSeeds, c.init(), c.restarts(),
                c.maxIterations(),
                c.executionSlots(), s.winningSeed(), c.sampleSize(), s.fittedOn(), s.approximation());
        List<Segment> segments = run.profiles().stream().map(p -> segment(p, run.features().featureNames())).toList();
        return new RunSummary(r.runId(), r.startedAt().toString(), input, run.features().featureNames(),
                run.referenceDate() == null ? null : run.referenceDate().toString(), scaling, algorithm, run.kSelection(), s.sse(),
                s.iterations(), quality(run.quality()), run.stability(), segments, warnings(run), timings, versions,
                EvolutionSummary.of(run.evolution()));
    }

    private static Transactions transactions(io.segmentflow.model.InputFacts.TransactionCounts t) {
        return t == null ? null : new Transactions(t.read(), t.used(), t.quarantined(), t.reasons(), t.cancellations(), t.customers());
    }

    private static Quality quality(io.segmentflow.model.QualityFigures q) {
        return q == null ? null : new Quality(q.sse(), q.silhouetteMeasured() ? q.silhouette() : null, q.silhouetteSample(), q.silhouetteExact(),
                q.calinskiHarabasz(), q.daviesBouldin(), q.poor(), q.concerns());
    }

    /** The run's warnings, and a poor segmentation's concerns, so nobody misses them. */
    private static List<String> warnings(SegmentationRun run) {
        List<String> all = new ArrayList<>(run.warnings());
        if (run.quality() != null && run.quality().poor()) {
            run.quality().concerns().forEach(c -> all.add("poor segmentation: " + c));
        }
        if (run.stability() != null && !run.stability().stable()) {
            all.add(String.format(java.util.Locale.ROOT, "unstable segmentation: resampled customers give other segments"
                    + " (mean adjusted Rand index %.3f)", run.stability().mean()));
        }
        return all;
    }

    private static Segment segment(SegmentProfile p, List<String> featureOrder) {
        return new Segment(p.id(), p.name(), p.size(), p.share(), ordered(p.centroid(), featureOrder),
                ordered(p.centroidZ(), featureOrder), ordered(p.mean(), featureOrder), ordered(p.median(), featureOrder),
                p.distinguishing().stream().map(x -> new Distinction(x.feature(), x.z(), x.describe())).toList(),
                p.recommendation());
    }

    private static Map<String, Double> ordered(Map<String, Double> values, List<String> order) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        order.forEach(f -> out.put(f, values.get(f)));
        return out;
    }
}
