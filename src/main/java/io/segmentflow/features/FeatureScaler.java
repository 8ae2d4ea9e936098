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
        double[][] logs = new double[m.cols()][];
        Scaler scaler = fit(m, warnings, logs);
        FeatureMatrix scaled = scaled(m, scaler, logs);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Scaled {} features of {} ({})", scaler.features().size(), run.request().inputName(), scaler.methods());
        warnings.forEach(w -> LOG.warn("{}: {}", run.request().inputName(), w));
        return run.withScaling(scaler, scaled, warnings, ms);
    }

    public Scaler fit(FeatureMatrix m, List<String> warnings) {
        return fit(m, warnings, new double[m.cols()][]);
    }

    /**
     * What {@link Scaler#apply(FeatureMatrix)} gives, to the bit, with each log1p taken once: the
     * fit's log1p columns are reused (a million customers times three money and count features).
     */
    private static FeatureMatrix scaled(FeatureMatrix m, Scaler scaler, double[][] logs) {
        int d = m.cols();
        double[] x = m.values(); // read only
        double[] out = new double[x.length];
        for (int j = 0; j < d; j++) {
            double centre = scaler.centre(j), scale = scaler.scale(j);
            double[] log = logs[j];
            if (log != null) {
                for (int i = 0; i < log.length; i++) out[i * d + j] = (log[i] - centre) / scale;
            } else {
                for (int i = j; i < x.length; i += d) out[i] = (x[i] - centre) / scale;
            }
        }
        return new FeatureMatrix(m.customerIds(), m.featureNames(), out);
    }

    /** @param logs filled with the log1p column of each LOG1P_ZSCORE feature (others stay null) */
    private Scaler fit(FeatureMatrix m, List<String> warnings, double[][] logs) {
        int d = m.cols();
        List<ScalingMethod> methods = new ArrayList<>();
        double[] centre = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            String feature = m.featureNames().get(j);
            ScalingMethod method = settings.methodFor(feature);
            methods.add(method);
            // log1p once per value, into a column of its own; other features are read in place (every
            // d-th value of the row-major matrix), not copied out
            logs[j] = method == ScalingMethod.LOG1P_ZSCORE ? log1p(m, j, feature) : null;
            double[] x = logs[j] != null ? logs[j] : m.values(); // read only
            int first = logs[j] != null ? 0 : j, step = logs[j] != null ? 1 : d;
            double spread;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int i = first; i < x.length; i += step) {
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
                int n = m.rows();
                double mean = 0;
                for (int i = first; i < x.length; i += step) mean += x[i];
                mean /= n;
                double ss = 0;
                for (int i = first; i < x.length; i += step) ss += (x[i] - mean) * (x[i] - mean);
                centre[j] = mean;
                spread = Math.sqrt(ss / n);
            }
            if (spread == 0 || !Double.isFinite(spread)) {
                warnings.add("feature " + feature + " has the same value for every customer; it cannot separate segments");
                spread = 1;
            }
            scale[j] = spread;
        }
        return new Scaler(m.featureNames(), methods, centre, scale);
    }

    private static double[] log1p(FeatureMatrix m, int j, String feature) {
        double[] x = m.column(j);
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= -1) {
                throw new InputRejectedException("feature " + feature + " has the value " + x[i] + " for customer "
                        + m.customerId(i) + ", which log1p-zscore cannot scale; use zscore for this feature");
            }
            x[i] = Math.log1p(x[i]);
        }
        return x;
    }
}
