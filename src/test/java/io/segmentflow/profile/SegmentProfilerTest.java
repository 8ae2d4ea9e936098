package io.segmentflow.profile;

import io.segmentflow.features.FeatureScaler;
import io.segmentflow.features.ScalingSettings;
import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Scaler;
import io.segmentflow.model.ScalingMethod;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentProfile.Distinction;
import io.segmentflow.model.Segmentation;
import io.segmentflow.support.ApplicationSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentProfilerTest {
    private static final List<String> DEFAULT_FEATURES =
            List.of("total_spent", "purchase_count", "avg_session_time", "recency_days");
    private static final ScalingSettings ZSCORE = new ScalingSettings(ScalingMethod.ZSCORE, Map.of());

    /** Customers in original units with a given segment each, profiled as the pipeline would. */
    private record Population(List<String> features, List<double[]> rows, List<Integer> segments) {
        Population(List<String> features) {
            this(features, new ArrayList<>(), new ArrayList<>());
        }

        Population add(int segment, int copies, double... row) {
            for (int i = 0; i < copies; i++) {
                rows.add(row);
                segments.add(segment);
            }
            return this;
        }

        List<SegmentProfile> profile(ProfileSettings settings, ScalingSettings scaling) {
            int n = rows.size();
            int d = features.size();
            double[] values = new double[n * d];
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = "C" + i;
                System.arraycopy(rows.get(i), 0, values, i * d, d);
            }
            FeatureMatrix original = new FeatureMatrix(ids, features, values);
            Scaler scaler = new FeatureScaler(scaling).fit(original, new ArrayList<>());
            FeatureMatrix scaled = scaler.apply(original);
            return new SegmentProfiler(settings).profiles(original, scaled, segmentation(scaled), scaler::invert);
        }

        /** Centroids are the means of the scaled members, as k-means leaves them. */
        private Segmentation segmentation(FeatureMatrix scaled) {
            int k = segments.stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
            int d = scaled.cols();
            double[][] centroids = new double[k][d];
            int[] sizes = new int[k];
            int[] assignments = segments.stream().mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < assignments.length; i++) {
                sizes[assignments[i]]++;
                for (int j = 0; j < d; j++) centroids[assignments[i]][j] += scaled.value(i, j);
            }
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) centroids[c][j] /= sizes[c];
            return new Segmentation(assignments, new double[assignments.length], centroids, 0, 1, 1,
                    new ClusteringSettings(k, 1, "k-means++", 1, 100, 1), "test", "test");
        }
    }

    private static ProfileSettings rules(int maxDistinguishing, double minZ, String... keyAndRule) {
        List<NamingRule> rules = new ArrayList<>();
        for (int i = 0; i < keyAndRule.length; i += 2) rules.add(NamingRule.parse(keyAndRule[i], keyAndRule[i + 1]));
        return new ProfileSettings(rules, "Regular", Map.of("regular", "keep them"), maxDistinguishing, minZ);
    }

    private static List<String> names(List<SegmentProfile> profiles) {
        return profiles.stream().map(SegmentProfile::name).toList();
    }

    /** The demo archetypes in original units, one segment each, by descending size. */
    private static Population archetypes() {
        return new Population(DEFAULT_FEATURES)
                .add(0, 30, 500, 11, 16, 22)      // loyal
                .add(1, 30, 250, 6, 8, 210)       // at-risk
                .add(2, 25, 45, 1, 9, 5)          // new
                .add(3, 15, 2700, 28, 28, 7)      // high-value
                .add(4, 15, 45, 2, 4, 520);       // hibernating
    }

    @Test
    void namesTheDemoArchetypesWithTheConfiguredRules() {
        List<SegmentProfile> profiles = archetypes().profile(ApplicationSettings.profile(), ApplicationSettings.scaling());

        assertEquals(List.of("Loyal", "At-Risk", "New", "High-Value", "Hibernating"), names(profiles));
    }

    @Test
    void givesEachNameItsConfiguredRecommendation() {
        List<SegmentProfile> profiles = archetypes().profile(ApplicationSettings.profile(), ApplicationSettings.scaling());

        for (SegmentProfile p : profiles) {
            String key = p.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(ApplicationSettings.get("segmentation.profile.recommendation." + key), p.recommendation(), p.name());
        }
    }

    @Test
    void addsSizesUpToTheCustomersAndSharesUpToOne() {
        List<SegmentProfile> profiles = archetypes().profile(ApplicationSettings.profile(), ApplicationSettings.scaling());

        assertEquals(List.of(30, 30, 25, 15, 15), profiles.stream().map(SegmentProfile::size).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), profiles.stream().map(SegmentProfile::id).toList());
        assertEquals(1.0, profiles.stream().mapToDouble(SegmentProfile::share).sum(), 1e-12);
        assertEquals(25 / 115.0, profiles.get(2).share(), 1e-12);
    }

    @Test
    void givesTheSecondSegmentFittingARuleTheNextRuleThatFits() {
        // a: z-scores +1.18, +0.78, -0.78, -1.18; both of the first two fit "a > 0.5", the better one wins.
        Population p = new Population(List.of("a", "b"))
                .add(0, 10, 2, 0).add(1, 10, 3, 0).add(2, 10, -2, 0).add(3, 10, -3, 0);

        List<SegmentProfile> profiles = p.profile(rules(3, 0.5, "high-value", "a > 0.5", "loyal", "a > 0"), ZSCORE);

        assertEquals(List.of("Loyal", "High-Value", "Regular", "Regular 2"), names(profiles));
    }

    @Test
    void numbersFallbackNamesSoNamesStayUnique() {
        Population p = new Population(List.of("a", "b"))
                .add(0, 10, 2, 0).add(1, 10, 3, 0).add(2, 10, -2, 0).add(3, 10, -3, 0);

        List<SegmentProfile> profiles = p.profile(rules(3, 0.5, "high-value", "a > 0.5"), ZSCORE);

        assertEquals(List.of("Regular", "High-Value", "Regular 2", "Regular 3"), names(profiles));
        assertEquals(4, new HashSet<>(names(profiles)).size());
        assertTrue(profiles.stream().filter(x -> x.name().startsWith("Regular"))
                .allMatch(x -> x.recommendation().equals("keep them")));
    }

    @Test
    void refusesARuleThatWouldShareTheFallbackName() {
        // Otherwise a segment named by the rule and an unnamed one would both be called "Regular".
        List<NamingRule> rules = List.of(NamingRule.parse("regular", "a > 0"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProfileSettings(rules, "Regular", Map.of(), 3, 0.5));
        assertTrue(e.getMessage().contains("segmentation.profile.fallback-name"), e.getMessage());
    }

    @Test
    void letsAnEarlierRuleWinASegmentThatFitsTwoRules() {
        // Segment 0 fits both rules (recency z +1, spend z +1); segment 1 fits neither.
        Population p = new Population(List.of("recency_days", "total_spent")).add(0, 10, 400, 90).add(1, 10, 20, 10);
        String atRisk = "recency_days > 0.3 and total_spent > -0.6";
        String hibernating = "recency_days > 0.3";

        assertEquals(List.of("At-Risk", "Regular"),
                names(p.profile(rules(3, 0.5, "at-risk", atRisk, "hibernating", hibernating), ZSCORE)));
        assertEquals(List.of("Hibernating", "Regular"),
                names(p.profile(rules(3, 0.5, "hibernating", hibernating, "at-risk", atRisk), ZSCORE)));
    }

    /** Four equal segments; segment 0 has z-scores a +0.45, b -1.34, c +1.26, d -1.00. */
    private static Population fourFeatures() {
        return new Population(List.of("a", "b", "c", "d"))
                .add(0, 5, 1, -3, 2, -1).add(1, 5, -1, 3, -2, 1).add(2, 5, 3, 1, 1, 1).add(3, 5, -3, -1, -1, -1);
    }

    @Test
    void listsDistinguishingFeaturesStrongestFirstAboveTheThreshold() {
        List<Distinction> distinguishing = fourFeatures().profile(rules(3, 0.5), ZSCORE).get(0).distinguishing();

        assertEquals(List.of("b", "c", "d"), distinguishing.stream().map(Distinction::feature).toList());
        assertEquals(-3 / Math.sqrt(5), distinguishing.get(0).z(), 1e-12);
        assertEquals(2 / Math.sqrt(2.5), distinguishing.get(1).z(), 1e-12);
        assertEquals(-1.0, distinguishing.get(2).z(), 1e-12);
    }

    @Test
    void listsNoMoreDistinguishingFeaturesThanTheMaximum() {
        assertEquals(List.of("b", "c"), fourFeatures().profile(rules(2, 0.5), ZSCORE).get(0).distinguishing().stream()
                .map(Distinction::feature).toList());
        assertEquals(List.of("b", "c", "d", "a"), fourFeatures().profile(rules(9, 0.4), ZSCORE).get(0).distinguishing()
                .stream().map(Distinction::feature).toList());
    }

    @Test
    void reportsMeansMediansAndCentroidsInOriginalUnits() {
        Population p = new Population(DEFAULT_FEATURES)
                .add(0, 1, 100, 1, 10, 5).add(0, 1, 200, 2, 20, 7).add(0, 1, 600, 9, 60, 30)
                .add(1, 1, 1000, 10, 5, 100).add(1, 1, 2000, 20, 5, 200).add(1, 1, 3000, 30, 5, 300).add(1, 1, 5000, 40, 5, 400);

        List<SegmentProfile> profiles = p.profile(ApplicationSettings.profile(), ApplicationSettings.scaling());

        SegmentProfile first = profiles.get(0);
        assertEquals(300.0, first.mean().get("total_spent"), 1e-9);
        assertEquals(200.0, first.median().get("total_spent"), 1e-9);
        assertEquals(4.0, first.mean().get("purchase_count"), 1e-9);
        assertEquals(2.0, first.median().get("purchase_count"), 1e-9);
        assertEquals(30.0, first.mean().get("avg_session_time"), 1e-9);
        assertEquals(14.0, first.mean().get("recency_days"), 1e-9);
        SegmentProfile second = profiles.get(1);
        assertEquals(2750.0, second.mean().get("total_spent"), 1e-9);
        assertEquals(2500.0, second.median().get("total_spent"), 1e-9);
        assertEquals(250.0, second.median().get("recency_days"), 1e-9);
        // total_spent is log1p-scaled, so its centroid is the back-transformed mean of log1p values.
        double logMean = (Math.log1p(100) + Math.log1p(200) + Math.log1p(600)) / 3;
        assertEquals(Math.expm1(logMean), first.centroid().get("total_spent"), 1e-9);
        // recency_days is log1p-scaled too (config/application.properties).
        double logRecency = (Math.log1p(5) + Math.log1p(7) + Math.log1p(30)) / 3;
        assertEquals(Math.expm1(logRecency), first.centroid().get("recency_days"), 1e-9);
    }
}
