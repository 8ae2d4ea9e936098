package io.segmentflow.support;

import io.segmentflow.clean.CleaningSettings;
import io.segmentflow.features.FeatureSettings;
import io.segmentflow.features.ScalingSettings;
import io.segmentflow.ingest.InputSchema;
import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.ScalingMethod;
import io.segmentflow.profile.NamingRule;
import io.segmentflow.profile.ProfileSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The stage settings of config/application.properties (on the test class path as
 * /application.properties), built the way SegmentflowBeans builds them, so tests use the shipped
 * defaults rather than a second copy of them.
 */
public final class ApplicationSettings {
    private static final Properties PROPERTIES = load();

    private ApplicationSettings() {
    }

    public static String get(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null) throw new IllegalArgumentException(key + " is not in application.properties");
        return value.trim();
    }

    public static List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static InputSchema inputSchema() {
        if (!get("segmentation.input.delimiter").equals("comma")) throw new IllegalStateException("tests expect commas");
        return new InputSchema(get("segmentation.input.id-column"), list("segmentation.input.numeric-columns"),
                list("segmentation.input.date-columns"), get("segmentation.input.date-format"), ',',
                new LinkedHashSet<>(list("segmentation.input.missing-values")),
                Integer.parseInt(get("segmentation.input.max-line-length")));
    }

    public static CleaningSettings cleaning() {
        return new CleaningSettings(get("segmentation.clean.imputation"), list("segmentation.clean.non-negative"),
                get("segmentation.clean.duplicates"), Double.parseDouble(get("segmentation.clean.max-quarantined-share")));
    }

    public static FeatureSettings features() {
        return new FeatureSettings(list("segmentation.features.columns"), get("segmentation.features.recency-from"),
                get("segmentation.features.reference-date"));
    }

    public static ScalingSettings scaling() {
        Map<String, ScalingMethod> perFeature = new LinkedHashMap<>();
        for (String pair : list("segmentation.scale.per-feature")) {
            String[] parts = pair.split(":");
            perFeature.put(parts[0].trim(), ScalingMethod.fromKey(parts[1]));
        }
        return new ScalingSettings(ScalingMethod.fromKey(get("segmentation.scale.default")), perFeature);
    }

    /** Execution slots fixed at 1: results must not depend on the machine. */
    public static ClusteringSettings clustering() {
        return new ClusteringSettings(Integer.parseInt(get("segmentation.cluster.k")),
                Long.parseLong(get("segmentation.cluster.seed")), get("segmentation.cluster.init"),
                Integer.parseInt(get("segmentation.cluster.restarts")),
                Integer.parseInt(get("segmentation.cluster.max-iterations")), 1);
    }

    public static ProfileSettings profile() {
        List<NamingRule> rules = list("segmentation.profile.names").stream()
                .map(name -> NamingRule.parse(name, get("segmentation.profile.rule." + name))).toList();
        String fallback = get("segmentation.profile.fallback-name");
        Map<String, String> recommendations = new LinkedHashMap<>();
        for (NamingRule rule : rules) {
            recommendations.put(rule.key(), get("segmentation.profile.recommendation." + rule.key()));
        }
        String fallbackKey = fallback.toLowerCase(Locale.ROOT);
        recommendations.put(fallbackKey, get("segmentation.profile.recommendation." + fallbackKey));
        return new ProfileSettings(rules, fallback, recommendations,
                Integer.parseInt(get("segmentation.profile.max-distinguishing")),
                Double.parseDouble(get("segmentation.profile.min-distinguishing-z")));
    }

    private static Properties load() {
        try (InputStream in = ApplicationSettings.class.getResourceAsStream("/application.properties")) {
            if (in == null) throw new IllegalStateException("application.properties is not on the test class path");
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
