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
     * Fits feature by feature and writes each one's scaled values into {@code out} (row-major, what
     * {@link Scaler#apply(FeatureMatrix)} gives, to the bit) as soon as its centre and spread are
     * known. A log1p feature's logs are taken once, into its place in {@code out}, and scaled there;
     * other features are read in place. No column is copied out of the matrix.
     */
    private Scaler fit(FeatureMatrix m, List<String> warnings, double[] out) {
        int d = m.cols();
        int n = m.rows();
        List<ScalingMethod> methods = new ArrayList<>();
        double[] centre = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            String feature = m.featureNames().get(j);
            ScalingMethod method = settings.methodFor(feature);
            methods.add(method);
            double[] x = m.values(); // read only
            if (method == ScalingMethod.LOG1P_ZSCORE) {
                log1pInto(m, j, feature, out);
                x = out;
            }
            double spread;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = j; i < x.length; i += d) {
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
            if (min == max) {
                // decided on the values, not the spread: the mean of n copies of 0.1 is not exactly 0.1,
                // so the spread would be a rounding error and every customer would scale to 1
                centre[j] = min;
                spread = 0;
            } else if (method == ScalingMethod.MINMAX) {
                centre[j] = min;
                spread = max - min;
            } else {
                double mean = 0;
                for (int i = j; i < x.length; i += d) mean += x[i];
                mean /= n;
                double ss = 0;
                for (int i = j; i < x.length; i += d) ss += (x[i] - mean) * (x[i] - mean);
                centre[j] = mean;
                spread = Math.sqrt(ss / n);
            }
            if (spread == 0 || !Double.isFinite(spread)) {
                warnings.add("feature " + feature + " has the same value for every customer; it cannot separate segments");
                spread = 1;
            }
            scale[j] = spread;
            for (int i = j; i < out.length; i += d) out[i] = (x[i] - centre[j]) / spread;
        }
        return new Scaler(m.featureNames(), methods, centre, scale);
    }

    /** log1p of feature j of every customer, into the same places of {@code out}. */
    private static void log1pInto(FeatureMatrix m, int j, String feature, double[] out) {
        double[] x = m.values(); // read only
        int d = m.cols();
        for (int i = j; i < x.length; i += d) {
            if (x[i] <= -1) {
                throw new InputRejectedException("feature " + feature + " has the value " + x[i] + " for customer "
                        + m.customerId(i / d) + ", which log1p-zscore cannot scale; use zscore for this feature");
            }
            out[i] = Math.log1p(x[i]);
        }
    }
}
