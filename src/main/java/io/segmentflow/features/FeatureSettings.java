package io.segmentflow.features;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * @param features      the features to cluster on, in order: numeric input columns or {@value #RECENCY}
 * @param recencySource the date column recency is measured from
 * @param referenceDate "newest" (the newest date in the input), "today", or an ISO date
 */
public record FeatureSettings(List<String> features, String recencySource, String referenceDate) {
    public static final String RECENCY = "recency_days";

    public FeatureSettings {
        features = features.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).filter(f -> !f.isEmpty()).toList();
        if (features.isEmpty()) {
            throw new IllegalArgumentException("segmentation.features.columns names no feature");
        }
        recencySource = recencySource.trim().toLowerCase(Locale.ROOT);
        if (!referenceDate.equals("newest") && !referenceDate.equals("today")) {
            try {
                LocalDate.parse(referenceDate);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("segmentation.features.reference-date must be newest, today or an ISO date, was "
                        + referenceDate, e);
            }
        }
    }
}
