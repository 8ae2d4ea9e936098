package io.segmentflow.model;

import java.util.Locale;

/** Why a row was quarantined; the summary counts rows per reason under {@link #key()}. */
public enum RejectReason {
    MISSING_CUSTOMER_ID,
    WRONG_FIELD_COUNT,
    NOT_A_NUMBER,
    INVALID_DATE,
    CONTROL_CHARACTERS,
    NEGATIVE_VALUE,
    DATE_AFTER_REFERENCE,
    DUPLICATE_CUSTOMER_ID,
    /** a value outside the range a profile declares plausible (a birth year of 1893) */
    OUT_OF_RANGE,
    /** a cancelled order, when the profile quarantines cancellations instead of netting them */
    CANCELLATION,
    /** a customer whose transactions leave no order (only cancellations or returns) */
    NO_ORDERS;

    /** kebab-case, as it appears in summary.json and rejects.csv. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
