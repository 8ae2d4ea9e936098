package io.segmentflow.model;

import java.util.List;

/**
 * What changed between the previous run's model and this run: which segments kept their identity,
 * which are new or gone, how far each moved, and where every customer went.
 *
 * @param previousRunId       the run whose model this run was compared with
 * @param segments            every segment of either run: matched, new or vanished
 * @param migration           customers per (previous segment, new segment) pair, including those who stayed
 * @param previousSegmentIds  per customer row of this run, the segment id it had in the previous run; 0 = not in it
 * @param customersGone       customers of the previous run that are not in this one
 */
public record Evolution(String previousRunId, List<SegmentChange> segments, List<Flow> migration,
                        int[] previousSegmentIds, long customersGone) {

    public Evolution {
        segments = List.copyOf(segments);
        migration = List.copyOf(migration);
        previousSegmentIds = previousSegmentIds.clone();
    }

    /** Customers whose segment changed (new customers and customers who left are not counted). */
    public long moved() {
        return migration.stream().filter(f -> f.fromId() != null && f.toId() != null && !f.fromId().equals(f.toId()))
                .mapToLong(Flow::count).sum();
    }

    /** The migration as a matrix: rows are previous segments, then new customers; columns are the segments now, by id. */
    public Matrix matrix() {
        java.util.Set<String> from = new java.util.LinkedHashSet<>(), to = new java.util.LinkedHashSet<>();
        migration.stream().filter(f -> f.fromId() != null).forEach(f -> from.add(f.fromId() + " " + f.fromName()));
        migration.stream().filter(f -> f.fromId() == null).forEach(f -> from.add(f.fromName()));
        migration.stream().sorted(java.util.Comparator.comparing(Flow::toId)).forEach(f -> to.add(f.toId() + " " + f.toName()));
        List<String> rows = List.copyOf(from), cols = List.copyOf(to);
        long[][] counts = new long[rows.size()][cols.size()];
        for (Flow f : migration) {
            String r = f.fromId() == null ? f.fromName() : f.fromId() + " " + f.fromName();
            counts[rows.indexOf(r)][cols.indexOf(f.toId() + " " + f.toName())] += f.count();
        }
        return new Matrix(rows, cols, counts);
    }

    /**
     * @param from   row labels ("3 At-Risk", then "(new customer)")
     * @param to     column labels ("3 At-Risk")
     * @param counts customers in from[i] before and in to[j] now
     */
    public record Matrix(List<String> from, List<String> to, long[][] counts) {
        public Matrix {
            from = List.copyOf(from);
            to = List.copyOf(to);
            long[][] copy = new long[counts.length][];
            for (int i = 0; i < counts.length; i++) copy[i] = counts[i].clone();
            counts = copy;
        }
    }

    public int previousSegmentOf(int row) {
        return previousSegmentIds[row];
    }

    public enum Status { MATCHED, NEW, VANISHED }

    /**
     * One segment across the two runs.
     *
     * @param id             the lasting segment id
     * @param name           the lasting name
     * @param status         matched with a previous segment, new in this run, or gone from it
     * @param previousSize   customers in it in the previous run (0 if new)
     * @param size           customers in it now (0 if vanished)
     * @param previousShare  its share of the previous run
     * @param share          its share now
     * @param centroidShift  how far its centroid moved, in the previous model's scaled units (NaN unless matched)
     * @param drifted        the shift or the change of share crossed a warning threshold
     */
    public record SegmentChange(int id, String name, Status status, int previousSize, int size, double previousShare,
                                double share, double centroidShift, boolean drifted) {
        public double shareChange() {
            return share - previousShare;
        }
    }

    /**
     * Customers who were in one segment and are now in another (or the same).
     *
     * @param fromId   previous segment id; null for customers the previous run did not have
     * @param fromName previous segment name, or "(new customer)"
     * @param toId     segment id now
     * @param toName   segment name now
     * @param count    how many customers
     */
    public record Flow(Integer fromId, String fromName, Integer toId, String toName, long count) {
    }
}
