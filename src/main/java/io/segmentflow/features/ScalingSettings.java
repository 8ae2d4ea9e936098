package io.segmentflow.features;

import io.segmentflow.model.ScalingMethod;

import java.util.Map;

/**
 * @param defaultMethod the method for features not named in {@code perFeature}
 * @param perFeature    a method per feature name, e.g. total_spent=log1p-zscore
 */
public record ScalingSettings(ScalingMethod defaultMethod, Map<String, ScalingMethod> perFeature) {
    public ScalingSettings {
        perFeature = Map.copyOf(perFeature);
    }

    public ScalingMethod methodFor(String feature) {
        return perFeature.getOrDefault(feature, defaultMethod);
    }
}
