package io.segmentflow.history;

import io.segmentflow.model.Evolution;
import io.segmentflow.model.Evolution.Flow;
import io.segmentflow.model.Evolution.SegmentChange;
import io.segmentflow.model.Evolution.Status;
import io.segmentflow.model.SavedModel;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives a run's segments lasting identities: they are matched to the current model's segments by
 * the least total centroid distance (the Hungarian method), measured in the previous model's scaled
 * units so both runs use one ruler. A matched segment keeps its id, name and recommendation; the
 * others are new (fresh ids, never reused) or vanished. Then every customer's previous segment, the
 * migration matrix and each segment's drift.
 */
public final class SegmentLineage {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentLineage.class);
    static final String NEW_CUSTOMER = "(new customer)";

    /**
     * @param maxMatchDistance segments further apart than this (scaled units) are not the same segment
     * @param maxCentroidShift a matched segment whose centroid moved further is flagged as drifted
     * @param maxShareChange   a matched segment whose share changed by more (0..1) is flagged as drifted
     */
    public record Settings(double maxMatchDistance, double maxCentroidShift, double maxShareChange) {
        public Settings {
            if (!(maxMatchDistance > 0) || !(maxCentroidShift > 0) || !(maxShareChange > 0)) {
                throw new IllegalArgumentException("segmentation.identity.max-match-distance, segmentation.drift.max-centroid-shift"
                        + " and segmentation.drift.max-share-change must be above 0");
            }
        }
    }

    private final ModelStore store;
    private final Settings settings;

    public SegmentLineage(ModelStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    public SegmentationRun follow(SegmentationRun run) {
        long t0 = System.nanoTime();
        Optional<LoadedModel> current = store.current();
        if (current.isEmpty()) {
            LOG.info("No saved model yet: the segments of {} start the lineage", run.request().runId());
            return run.withTiming("identity", (System.nanoTime() - t0) / 1_000_000);
        }
        SavedModel previous = current.get().model();
        if (!previous.features().equals(run.features().featureNames())) {
            String why = "the segments were not matched to model " + previous.runId() + ": it was fitted on the features "
                    + previous.features() + ", this run on " + run.features().featureNames();
            LOG.warn("{}: {}", run.request().runId(), why);
            return run.withEvolution(run.profiles(), null, List.of(why), (System.nanoTime() - t0) / 1_000_000);
        }
        double[][] cost = distances(run, previous);
        int[] match = HungarianAssignment.solve(cost);
        List<SegmentProfile> renamed = rename(run.profiles(), previous, match, cost);
        int[] previousIds = previousIds(run, current.get());
        Evolution evolution = evolution(run, previous, renamed, match, cost, previousIds);
        List<String> warnings = new ArrayList<>();
        for (SegmentChange s : evolution.segments()) {
            if (s.drifted()) {
                warnings.add(String.format(Locale.ROOT, "segment %d %s drifted since run %s: centroid moved %.2f (limit %.2f),"
                                + " share %.1f%% -> %.1f%% (limit %.1f points)", s.id(), s.name(), previous.runId(), s.centroidShift(),
                        settings.maxCentroidShift(), 100 * s.previousShare(), 100 * s.share(), 100 * settings.maxShareChange()));
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Matched the segments of {} to model {}: {} kept, {} new, {} vanished; {} customers moved ({} ms)",
                run.request().runId(), previous.runId(), count(evolution, Status.MATCHED), count(evolution, Status.NEW),
                count(evolution, Status.VANISHED), evolution.moved(), ms);
        warnings.forEach(w -> LOG.warn("{}: {}", run.request().runId(), w));
        return run.withEvolution(renamed, evolution, warnings, ms);
    }

    /** new segment x previous segment: distance between centroids, both in the previous model's scaled units. */
    private static double[][] distances(SegmentationRun run, SavedModel previous) {
        var s = run.segmentation();
        double[][] cost = new double[s.k()][previous.k()];
        for (int c = 0; c < s.k(); c++) {
            double[] original = run.scaler().invert(s.centroid(c));
            double[] there = new double[original.length];
            for (int j = 0; j < original.length; j++) there[j] = previous.scaler().apply(j, original[j]);
            for (int p = 0; p < previous.k(); p++) {
                double[] q = previous.centroid(p);
                double sum = 0;
                for (int j = 0; j < q.length; j++) sum += (there[j] - q[j]) * (there[j] - q[j]);
                cost[c][p] = Math.sqrt(sum);
            }
        }
        return cost;
    }

    private List<SegmentProfile> rename(List<SegmentProfile> profiles, SavedModel previous, int[] match, double[][] cost) {
        SegmentProfile[] out = new SegmentProfile[profiles.size()];
        Set<String> taken = new HashSet<>();
        for (int c = 0; c < out.length; c++) {
            if (matched(match, cost, c)) {
                SegmentProfile was = previous.segments().get(match[c]);
                out[c] = with(profiles.get(c), was.id(), was.name(), was.recommendation());
                taken.add(was.name());
            }
        }
        int next = previous.nextSegmentId();
        for (int c = 0; c < out.length; c++) {
            if (out[c] != null) continue;
            SegmentProfile p = profiles.get(c);
            String name = p.name();
            for (int n = 2; taken.contains(name); n++) name = p.name() + " " + n;
            taken.add(name);
            out[c] = with(p, next++, name, p.recommendation());
        }
        return List.of(out);
    }

    private boolean matched(int[] match, double[][] cost, int c) {
        return match[c] >= 0 && cost[c][match[c]] <= settings.maxMatchDistance();
    }

    private static SegmentProfile with(SegmentProfile p, int id, String name, String recommendation) {
        return new SegmentProfile(id, name, p.size(), p.share(), p.centroid(), p.centroidZ(), p.mean(), p.median(),
                p.distinguishing(), recommendation);
    }

    /** Per row of this run, the customer's segment id in the previous run (0 = not there). */
    private static int[] previousIds(SegmentationRun run, LoadedModel previous) {
        return ModelStore.segmentIdsOf(previous, run.features().customerIds());
    }

    private Evolution evolution(SegmentationRun run, SavedModel previous, List<SegmentProfile> renamed, int[] match,
                                double[][] cost, int[] previousIds) {
        var s = run.segmentation();
        int n = previousIds.length;
        Map<Integer, SegmentProfile> before = new LinkedHashMap<>();
        previous.segments().forEach(p -> before.put(p.id(), p));
        // (from, to) -> customers; from 0 = new customer
        Map<Integer, Map<Integer, Long>> counts = new TreeMap<>();
        int[] newIds = renamed.stream().mapToInt(SegmentProfile::id).toArray();
        // counted in an array by (previous id, segment) first: a million map updates with boxing took longer
        int maxPrevious = Arrays.stream(previousIds).max().orElse(0);
        long[][] byPair = new long[maxPrevious + 1][newIds.length];
        for (int i = 0; i < n; i++) byPair[previousIds[i]][s.segmentOf(i)]++;
        long foundBefore = n - Arrays.stream(byPair[0]).sum();
        for (int from = 0; from <= maxPrevious; from++) {
            for (int c = 0; c < newIds.length; c++) {
                if (byPair[from][c] > 0) counts.computeIfAbsent(from, x -> new TreeMap<>()).put(newIds[c], byPair[from][c]);
            }
        }
        long previousCustomers = previous.segments().stream().mapToLong(SegmentProfile::size).sum();
        long gone = previousCustomers - foundBefore;
        Map<Integer, String> names = new LinkedHashMap<>();
        renamed.forEach(p -> names.put(p.id(), p.name()));
        List<Flow> flows = new ArrayList<>();
        counts.forEach((from, row) -> row.forEach((to, count) -> flows.add(new Flow(from == 0 ? null : from,
                from == 0 ? NEW_CUSTOMER : before.get(from) == null ? "segment " + from : before.get(from).name(), to,
                names.get(to), count))));
        List<SegmentChange> changes = new ArrayList<>();
        Set<Integer> kept = new HashSet<>();
        for (int c = 0; c < renamed.size(); c++) {
            SegmentProfile now = renamed.get(c);
            if (matched(match, cost, c)) {
                SegmentProfile was = previous.segments().get(match[c]);
                kept.add(was.id());
                double shift = cost[c][match[c]];
                boolean drifted = shift > settings.maxCentroidShift() || Math.abs(now.share() - was.share()) > settings.maxShareChange();
                changes.add(new SegmentChange(now.id(), now.name(), Status.MATCHED, was.size(), now.size(), was.share(),
                        now.share(), shift, drifted));
            } else {
                changes.add(new SegmentChange(now.id(), now.name(), Status.NEW, 0, now.size(), 0, now.share(), Double.NaN, false));
            }
        }
        for (SegmentProfile was : previous.segments()) {
            if (!kept.contains(was.id())) {
                changes.add(new SegmentChange(was.id(), was.name(), Status.VANISHED, was.size(), 0, was.share(), 0, Double.NaN,
                        false));
            }
        }
        return new Evolution(previous.runId(), changes, flows, previousIds, gone);
    }

    private static long count(Evolution e, Status status) {
        return e.segments().stream().filter(s -> s.status() == status).count();
    }
}
