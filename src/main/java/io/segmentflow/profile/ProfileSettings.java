package io.segmentflow.profile;

import java.util.List;
import java.util.Map;

/**
 * @param rules             naming rules in priority order: each takes the unnamed segment it fits best
 * @param fallbackName      the name of segments no rule fits ("Regular", then "Regular 2", ...)
 * @param recommendations   a recommendation per rule key (and for the fallback's key)
 * @param maxDistinguishing how many distinguishing features to list per segment
 * @param minDistinguishingZ how far from the population mean (in standard deviations) a feature must be to count
 */
public record ProfileSettings(List<NamingRule> rules, String fallbackName, Map<String, String> recommendations,
                              int maxDistinguishing, double minDistinguishingZ) {
    public ProfileSettings {
        rules = List.copyOf(rules);
        for (NamingRule rule : rules) {
            if (rule.displayName().equalsIgnoreCase(fallbackName)) {
                throw new IllegalArgumentException("segmentation.profile.fallback-name '" + fallbackName
                        + "' is also a rule's name (" + rule.key() + "); segment names must be unique");
            }
        }
        recommendations = Map.copyOf(recommendations);
    }

    public String recommendationFor(String key) {
        return recommendations.getOrDefault(key, "");
    }
}
