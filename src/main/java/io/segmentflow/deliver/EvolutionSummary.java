package io.segmentflow.deliver;

import io.segmentflow.model.Evolution;

import java.util.List;

/**
 * The evolution part of summary.json: the previous run, each segment's fate and drift, and the
 * migration matrix (rows: previous segments, then new customers; columns: segments now).
 */
record EvolutionSummary(String previousRunId, long customersMoved, long customersGone, List<Segment> segments,
                        Evolution.Matrix migrationMatrix, List<Evolution.Flow> migration) {

    /** @param centroidShift null unless the segment was matched */
    record Segment(int id, String name, String status, int previousSize, int size, double previousShare, double share,
                   Double centroidShift, boolean drifted) {
    }

    static EvolutionSummary of(Evolution e) {
        if (e == null) return null;
        List<Segment> segments = e.segments().stream().map(s -> new Segment(s.id(), s.name(), s.status().name().toLowerCase(java.util.Locale.ROOT),
                s.previousSize(), s.size(), s.previousShare(), s.share(), Double.isNaN(s.centroidShift()) ? null : s.centroidShift(),
                s.drifted())).toList();
        return new EvolutionSummary(e.previousRunId(), e.moved(), e.customersGone(), segments, e.matrix(), e.migration());
    }
}
