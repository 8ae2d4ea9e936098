package io.segmentflow.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows that could not be used, in source order, with a count per reason. */
public record Quarantine(List<RejectedRow> rows) {

    public static final Quarantine EMPTY = new Quarantine(List.of());

    public Quarantine {
        List<RejectedRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(RejectedRow::sourceLine));
        rows = List.copyOf(sorted);
    }

    public int size() {
        return rows.size();
    }

    public Quarantine plus(List<RejectedRow> more) {
        List<RejectedRow> all = new ArrayList<>(rows);
        all.addAll(more);
        return new Quarantine(all);
    }

    /** Rows per reason key, sorted by key so the summary is stable. */
    public Map<String, Integer> countsByReason() {
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge(r.reason().key(), 1, Integer::sum));
        return counts;
    }
}
