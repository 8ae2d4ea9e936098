package io.segmentflow.model;

import java.util.Objects;

/**
 * A row that could not be used.
 *
 * @param sourceLine the physical line where the row starts in the input
 * @param customerId the id as read, empty when there was none
 * @param reason     the category the summary counts
 * @param detail     a sentence a person understands, e.g. "purchase_count is negative (-3)"
 * @param raw        the row's fields as read, re-joined with the input delimiter
 */
public record RejectedRow(long sourceLine, String customerId, RejectReason reason, String detail, String raw) {
    public RejectedRow {
        Objects.requireNonNull(reason, "reason");
        customerId = customerId == null ? "" : customerId;
        detail = Objects.requireNonNull(detail, "detail");
        raw = raw == null ? "" : raw;
    }
}
