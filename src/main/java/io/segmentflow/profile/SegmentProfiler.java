package io.segmentflow.profile;

import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Median;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentProfile.Distinction;
import io.segmentflow.model.Segmentation;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Describes each segment in original units and names it. */
public final class SegmentProfiler {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentProfiler.class);

    private final ProfileSettings settings;

    public SegmentProfiler(ProfileSettings settings) {
        this.settings = settings;
    }

    public SegmentationRun profile(SegmentationRun run) {
        long t0 = System.nanoTime();
        List<SegmentProfile> profiles = profiles(run.features(), run.scaled(), run.segmentation(), run.scaler()::invert);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        profiles.forEach(p -> LOG.info("Segment {} {}: {} customers ({}%), {}", p.id(), p.name(), p.size(),
                String.format(Locale.ROOT, "%.1f", p.share() * 100), describe(p)));
        return run.withProfiles(profiles, ms);
    }

    public static String describe(SegmentProfile p) {
        return p.distinguishing().isEmpty() ? "close to the average on every feature"
                : String.join(", ", p.distinguishing().stream().map(Distinction::describe).toList());
    }

    List<SegmentProfile> profiles(FeatureMatrix original, FeatureMatrix scaled, Segmentation s,
                                  java.util.function.UnaryOperator<double[]> toOriginalUnits) {
        int k = s.k();
        int d = original.cols();
        int n = original.rows();
        List<String> features = original.featureNames();
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) sizes[s.segmentOf(i)]++;

        double[][] z = centroidZScores(scaled, s, sizes);
        double[][][] members = membersBySegment(original, s, sizes);
        // k times d medians and means of up to a million values each, independent: side by side on the cores
        double[][] medians = new double[k][d];
        double[][] means = new double[k][d];
        java.util.stream.IntStream.range(0, k * d).parallel().forEach(cj -> {
            double[] values = members[cj / d][cj % d];
            medians[cj / d][cj % d] = Median.of(values);
            means[cj / d][cj % d] = Arrays.stream(values).average().orElse(Double.NaN);
        });
        String[] keys = names(z, features);
        List<SegmentProfile> profiles = new ArrayList<>();
        int fallbackCount = 0;
        for (int c = 0; c < k; c++) {
            Map<String, Double> centroid = new LinkedHashMap<>();
            Map<String, Double> centroidZ = new LinkedHashMap<>();
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> median = new LinkedHashMap<>();
            double[] inOriginalUnits = toOriginalUnits.apply(s.centroid(c));
            for (int j = 0; j < d; j++) {
                centroid.put(features.get(j), inOriginalUnits[j]);
                centroidZ.put(features.get(j), z[c][j]);
                mean.put(features.get(j), means[c][j]);
                median.put(features.get(j), medians[c][j]);
            }
            String key = keys[c];
            String name;
            if (key == null) {
                fallbackCount++;
                key = settings.fallbackName().toLowerCase(Locale.ROOT);
                name = settings.fallbackName() + (fallbackCount == 1 ? "" : " " + fallbackCount);
            } else {
                name = new NamingRule(key, List.of()).displayName();
            }
            profiles.add(new SegmentProfile(c + 1, name, sizes[c], (double) sizes[c] / n, centroid, centroidZ, mean, median,
                    distinguishing(z[c], features), settings.recommendationFor(key)));
        }
        return profiles;
    }

    /** The segment means of the scaled features, standardised against the whole population; features side by side. */
    private static double[][] centroidZScores(FeatureMatrix scaled, Segmentation s, int[] sizes) {
        int d = scaled.cols();
        int n = scaled.rows();
        double[] mean = new double[d];
        double[] sq = new double[d];
        double[][] segmentSum = new double[s.k()][d];
        double[] x = scaled.values(); // read only, row-major
        int[] segmentOf = s.assignments(); // read only
        java.util.stream.IntStream.range(0, d).parallel().forEach(j -> { // each feature's sums in row order
            double sum = 0, squares = 0;
            double[] bySegment = new double[sizes.length];
            for (int i = 0; i < n; i++) {
                double v = x[i * d + j];
                sum += v;
                squares += v * v;
                bySegment[segmentOf[i]] += v;
            }
            mean[j] = sum;
            sq[j] = squares;
            for (int c = 0; c < sizes.length; c++) segmentSum[c][j] = bySegment[c];
        });
        double[][] z = new double[s.k()][d];
        for (int j = 0; j < d; j++) {
            double m = mean[j] / n;
            double sd = Math.sqrt(Math.max(sq[j] / n - m * m, 0));
            for (int c = 0; c < s.k(); c++) {
                z[c][j] = sd == 0 ? 0 : (segmentSum[c][j] / sizes[c] - m) / sd;
            }
        }
        return z;
    }

    /** Rules in priority order; each takes the still unnamed segment it fits best. Null = no rule fits. */
    private String[] names(double[][] z, List<String> features) {
        String[] keys = new String[z.length];
        for (NamingRule rule : settings.rules()) {
            int best = -1;
            double bestFit = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z.length; c++) {
                if (keys[c] != null) continue;
                Map<String, Double> byName = new LinkedHashMap<>();
                for (int j = 0; j < features.size(); j++) byName.put(features.get(j), z[c][j]);
                double fit = rule.fit(byName);
                if (!Double.isNaN(fit) && fit > bestFit) {
                    best = c;
                    bestFit = fit;
                }
            }
            if (best >= 0) keys[best] = rule.key();
        }
        return keys;
    }

    private List<Distinction> distinguishing(double[] z, List<String> features) {
        return java.util.stream.IntStream.range(0, z.length)
                .filter(j -> Math.abs(z[j]) >= settings.minDistinguishingZ())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(z[j])).thenComparing(j -> j))
                .limit(settings.maxDistinguishing())
                .map(j -> new Distinction(features.get(j), z[j]))
                .toList();
    }

    /** Each segment's values per feature, in row order: one pass per feature, the features side by side. */
    private static double[][][] membersBySegment(FeatureMatrix m, Segmentation s, int[] sizes) {
        int d = m.cols();
        int n = m.rows();
        double[][][] out = new double[sizes.length][d][];
        for (int c = 0; c < sizes.length; c++) {
            for (int j = 0; j < d; j++) out[c][j] = new double[sizes[c]];
        }
        double[] x = m.values(); // read only, row-major
        int[] segmentOf = s.assignments(); // read only
        java.util.stream.IntStream.range(0, d).parallel().forEach(j -> {
            int[] count = new int[sizes.length];
            for (int i = 0; i < n; i++) {
                int c = segmentOf[i];
                out[c][j][count[c]++] = x[i * d + j];
            }
        });
        return out;
    }
}
