package io.segmentflow.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "total_spent > 0.7 and recency_days < 0": conditions on a segment's centroid z-scores. A segment
 * matches when every condition holds; how far past the thresholds it is decides between segments.
 *
 * @param key        the rule's key in configuration, e.g. "high-value"
 * @param conditions all must hold
 */
public record NamingRule(String key, List<Condition> conditions) {
    private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z0-9_]+)\\s*([<>])\\s*([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))\\s*");

    public NamingRule {
        conditions = List.copyOf(conditions);
    }

    public static NamingRule parse(String key, String text) {
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.split("(?i)\\band\\b", -1)) {
            Matcher m = CONDITION.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("segmentation.profile.rule." + key + ": cannot read '" + part.trim()
                        + "'; write conditions like 'total_spent > 0.5 and recency_days < 0'");
            }
            conditions.add(new Condition(m.group(1).toLowerCase(Locale.ROOT), m.group(2).equals(">"), Double.parseDouble(m.group(3))));
        }
        return new NamingRule(key, conditions);
    }

    /** "high-value" becomes "High-Value". */
    public String displayName() {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("-")) {
            if (!out.isEmpty()) out.append('-');
            if (!part.isEmpty()) out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    /** The summed margin past every threshold, or NaN when a condition fails or names an unknown feature. */
    public double fit(Map<String, Double> z) {
        double margin = 0;
        for (Condition c : conditions) {
            Double value = z.get(c.feature());
            if (value == null) return Double.NaN;
            double past = c.greaterThan() ? value - c.threshold() : c.threshold() - value;
            if (past <= 0) return Double.NaN;
            margin += past;
        }
        return margin;
    }

    /** @param greaterThan true for "feature > threshold", false for "feature < threshold" */
    public record Condition(String feature, boolean greaterThan, double threshold) {
    }
}
