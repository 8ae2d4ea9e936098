package io.segmentflow.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a profiled reader found out about its input, for summary.json: what it detected (encoding,
 * delimiter, header, date formats, clipping) and, for a transaction source, how every transaction
 * row was accounted for.
 *
 * @param detected     setting -> what was used and why ("windows-1252 (the bytes are not UTF-8)")
 * @param transactions transaction accounting, or null when the source is customer-level
 */
public record InputFacts(Map<String, String> detected, TransactionCounts transactions) {
    public static final InputFacts NONE = new InputFacts(Map.of(), null);

    public InputFacts {
        detected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detected));
    }

    /**
     * Transactions read = transactions used + transactions quarantined, always.
     *
     * @param read        transaction rows in the file (not counting the header)
     * @param used        rows aggregated into a customer
     * @param quarantined rows that could not be used, with their reasons in {@code rejected}
     * @param cancellations rows that were cancellations (used or quarantined, as the profile's rule says)
     * @param customers   customers formed from the used rows
     * @param rejected    the quarantined rows themselves (written to rejected-transactions.csv)
     * @param aggregationNanos how long aggregating the used rows per customer took
     */
    public record TransactionCounts(long read, long used, long quarantined, long cancellations, int customers,
                                    Map<String, Integer> reasons, List<RejectedRow> rejected, long aggregationNanos) {
        public TransactionCounts {
            if (read != used + quarantined) {
                throw new IllegalStateException("transactions read " + read + " != used " + used + " + quarantined " + quarantined);
            }
            reasons = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(reasons));
            rejected = List.copyOf(rejected);
        }
    }
}
