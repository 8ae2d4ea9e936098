package io.segmentflow.model;

import java.util.Map;

/**
 * How missing values were filled.
 *
 * @param strategy "median" or "mean"
 * @param filled   missing values filled per column
 * @param values   the fill value of each column that had missing values (dates as epoch days)
 */
public record Imputation(String strategy, Map<String, Integer> filled, Map<String, Double> values) {
    public Imputation {
        filled = Map.copyOf(filled);
        values = Map.copyOf(values);
    }
}
