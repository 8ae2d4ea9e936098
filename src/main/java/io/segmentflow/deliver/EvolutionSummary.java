package io.segmentflow.deliver;

import io.segmentflow.model.Evolution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The evolution part of summary.json: the previous run, each segment's fate and drift, and the
 * migration matrix (rows: previous segments, then new customers; columns: segments now).
 */
record EvolutionSummary(String previousRunId, long customersMoved, long customersGone, List<Segment> segments,
                        Matrix migrationMatrix, List<Evolution.Flow> migration) {

    /** @param centroidShift null unless the segment was matched */
    record Segment(int id, String name, String status, int previousSize, int size, double previousShare, double share,
                   Double centroidShift, boolean drifted) {
    }

    /** counts[i][j]: customers in from[i] before and in to[j] now. */
    record Matrix(List<String> from, List<String> to, long[][] counts) {
    }

    static EvolutionSummary of(Evolution e) {
        if (e == null) return null;
        List<Segment> segments = e.segments().stream().map(s -> new Segment(s.id(), s.name(), s.status().name().toLowerCase(),
                s.previousSize(), s.size(), s.previousShare(), s.share(), Double.isNaN(s.centroidShift()) ? null : s.centroidShift(),
                s.drifted())).toList();
        return new EvolutionSummary(e.previousRunId(), e.moved(), e.customersGone(), segments, matrix(e), e.migration());
    }

    private static Matrix matrix(Evolution e) {
        Set<String> from = new LinkedHashSet<>(), to = new LinkedHashSet<>();
        List<Evolution.Flow> flows = new ArrayList<>(e.migration());
        flows.stream().filter(f -> f.fromId() != null).forEach(f -> from.add(label(f.fromId(), f.fromName())));
        flows.stream().filter(f -> f.fromId() == null).forEach(f -> from.add(f.fromName()));
        flows.stream().sorted(java.util.Comparator.comparing(Evolution.Flow::toId)).forEach(f -> to.add(label(f.toId(), f.toName())));
        List<String> rows = List.copyOf(from), cols = List.copyOf(to);
        long[][] counts = new long[rows.size()][cols.size()];
        for (Evolution.Flow f : flows) {
            String r = f.fromId() == null ? f.fromName() : label(f.fromId(), f.fromName());
            counts[rows.indexOf(r)][cols.indexOf(label(f.toId(), f.toName()))] += f.count();
        }
        return new Matrix(rows, cols, counts);
    }

    private static String label(Integer id, String name) {
        return id + " " + name;
    }
}
