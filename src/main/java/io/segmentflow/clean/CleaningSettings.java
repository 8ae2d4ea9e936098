package io.segmentflow.clean;

import java.util.List;

/**
 * @param imputation          "median" or "mean"
 * @param nonNegativeColumns  columns where a negative value quarantines the row
 * @param duplicatePolicy     "keep-first" (later rows quarantined) or "reject-file"
 * @param maxQuarantinedShare above this share of unusable rows the whole file is rejected, 0..1
 */
public record CleaningSettings(String imputation, List<String> nonNegativeColumns, String duplicatePolicy,
                               double maxQuarantinedShare) {
    public CleaningSettings {
        if (!imputation.equals("median") && !imputation.equals("mean")) {
            throw new IllegalArgumentException("segmentation.clean.imputation must be median or mean, was " + imputation);
        }
        if (!duplicatePolicy.equals("keep-first") && !duplicatePolicy.equals("reject-file")) {
            throw new IllegalArgumentException("segmentation.clean.duplicates must be keep-first or reject-file, was " + duplicatePolicy);
        }
        if (maxQuarantinedShare < 0 || maxQuarantinedShare > 1) {
            throw new IllegalArgumentException("segmentation.clean.max-quarantined-share must be within 0..1, was " + maxQuarantinedShare);
        }
        nonNegativeColumns = nonNegativeColumns.stream().map(c -> c.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
