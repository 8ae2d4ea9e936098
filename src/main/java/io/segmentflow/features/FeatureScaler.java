package io.segmentflow.features;

import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Scaler;
import io.segmentflow.model.ScalingMethod;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Fits one scaler per run (population statistics, as scikit-learn's StandardScaler) and applies it. */
public final class FeatureScaler {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureScaler.class);

    private final ScalingSettings settings;

    public FeatureScaler(ScalingSettings settings) {
        this.settings = settings;
    }

    public SegmentationRun scale(SegmentationRun run) {
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        FeatureMatrix m = run.features();
        double[] scaledValues = new double[m.values().length];
        Scaler scaler = fit(m, warnings, scaledValues);
        FeatureMatrix scaled = new FeatureMatrix(m.customerIds(), m.featureNames(), scaledValues);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Scaled {} features of {} ({})", scaler.features().size(), run.request().inputName(), scaler.methods());
        warnings.forEach(w -> LOG.warn("{}: {}", run.request().inputName(), w));
        return run.withScaling(scaler, scaled, warnings, ms);
    }

    public Scaler fit(FeatureMatrix m, List<String> warnings) {
        return fit(m, warnings, new double[m.values().length]);
    }

    /**
     * Fits and writes the scaled values into {@code out} (row-major, what {@link Scaler#apply(FeatureMatrix)}
     * gives, to the bit). A log1p feature's logs are taken once, into its place in {@code out}, and
     * scaled there; other features are read in place. On the cores: the logs and the scaled values
     * by blocks of rows, each feature's statistics side by side (each sum still in row order).
     */
    private Scaler fit(FeatureMatrix m, List<String> warnings, double[] out) {
        int d = m.cols();
        int n = m.rows();
        List<ScalingMethod> methods = m.featureNames().stream().map(settings::methodFor).toList();
        boolean[] logged = new boolean[d];
        for (int j = 0; j < d; j++) logged[j] = methods.get(j) == ScalingMethod.LOG1P_ZSCORE;
        log1pInto(m, logged, out);
        double[] x = m.values(); // read only
        double[] centre = new double[d];
        double[] scale = new double[d];
        boolean[] constant = new boolean[d];
        IntStream.range(0, d).parallel().forEach(j -> {
            double[] v = logged[j] ? out : x;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = j; i < v.length; i += d) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            }
            double spread;
            if (min == max) {
                // decided on the values, not the spread: the mean of n copies of 0.1 is not exactly 0.1,
                // so the spread would be a rounding error and every customer would scale to 1
                centre[j] = min;
                spread = 0;
            } else if (methods.get(j) == ScalingMethod.MINMAX) {
                centre[j] = min;
                spread = max - min;
            } else {
                double mean = 0;
                for (int i = j; i < v.length; i += d) mean += v[i];
                mean /= n;
                double ss = 0;
                for (int i = j; i < v.length; i += d) ss += (v[i] - mean) * (v[i] - mean);
                centre[j] = mean;
                spread = Math.sqrt(ss / n);
            }
            constant[j] = spread == 0 || !Double.isFinite(spread);
            scale[j] = constant[j] ? 1 : spread;
        });
        for (int j = 0; j < d; j++) {
            if (constant[j]) {
                warnings.add("feature " + m.featureNames().get(j) + " has the same value for every customer; it cannot separate segments");
            }
        }
        blocks(n).forEach(block -> {
            for (int i = block[0] * d; i < block[1] * d; i += d) {
                for (int j = 0; j < d; j++) out[i + j] = ((logged[j] ? out : x)[i + j] - centre[j]) / scale[j];
            }
        });
        return new Scaler(m.featureNames(), methods, centre, scale);
    }

    /** Rows per block of the row-parallel passes. */
    private static final int BLOCK = 1 << 16;

    /** [from, to) row ranges of {@link #BLOCK} rows, as a parallel stream. */
    private static Stream<int[]> blocks(int n) {
        return IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().mapToObj(b -> new int[] {b * BLOCK, Math.min(n, (b + 1) * BLOCK)});
    }

    /**
     * log1p of the logged features of every customer, into the same places of {@code out}. A value
     * log1p cannot take is refused, naming the first such customer of the first such feature.
     */
    private static void log1pInto(FeatureMatrix m, boolean[] logged, double[] out) {
        double[] x = m.values(); // read only
        int d = m.cols();
        int n = m.rows();
        int[] firstBad = new int[d];
        java.util.Arrays.fill(firstBad, Integer.MAX_VALUE);
        blocks(n).forEach(block -> {
            for (int j = 0; j < d; j++) {
                if (!logged[j]) continue;
                for (int i = block[0] * d + j; i < block[1] * d; i += d) {
                    if (x[i] <= -1) {
                        synchronized (firstBad) {
                            firstBad[j] = Math.min(firstBad[j], i / d);
                        }
                    }
                    out[i] = Math.log1p(x[i]);
                }
            }
        });
        for (int j = 0; j < d; j++) {
            if (firstBad[j] != Integer.MAX_VALUE) {
                int row = firstBad[j];
                throw new InputRejectedException("feature " + m.featureNames().get(j) + " has the value " + x[row * d + j]
                        + " for customer " + m.customerId(row) + ", which log1p-zscore cannot scale; use zscore for this feature");
            }
        }
    }
}
