package io.segmentflow.model;

import java.util.List;

/**
 * A fitted scaler: per feature a method, a centre and a scale, so that values can be scaled once
 * and profiles can speak in original units again ({@link #invert}).
 *
 * @param features feature names, in matrix column order
 * @param methods  the method per feature
 * @param centre   mean (of log1p for LOG1P_ZSCORE) or minimum, per feature
 * @param scale    standard deviation or range per feature; 1 where the feature does not vary
 */
public record Scaler(List<String> features, List<ScalingMethod> methods, double[] centre, double[] scale) {

    public Scaler {
        features = List.copyOf(features);
        methods = List.copyOf(methods);
        if (methods.size() != features.size() || centre.length != features.size() || scale.length != features.size()) {
            throw new IllegalArgumentException("scaler parameters do not match " + features.size() + " features");
        }
        centre = centre.clone();
        scale = scale.clone();
    }

    public double apply(int feature, double x) {
        double v = methods.get(feature) == ScalingMethod.LOG1P_ZSCORE ? Math.log1p(x) : x;
        return (v - centre[feature]) / scale[feature];
    }

    public double invert(int feature, double scaled) {
        double v = scaled * scale[feature] + centre[feature];
        return methods.get(feature) == ScalingMethod.LOG1P_ZSCORE ? Math.expm1(v) : v;
    }

    public FeatureMatrix apply(FeatureMatrix m) {
        double[] values = m.toArray();
        int d = m.cols();
        for (int i = 0; i < values.length; i++) {
            values[i] = apply(i % d, values[i]);
        }
        return new FeatureMatrix(m.customerIds(), m.featureNames(), values);
    }

    public double[] invert(double[] scaledRow) {
        double[] out = new double[scaledRow.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = invert(j, scaledRow[j]);
        }
        return out;
    }

    public double centre(int feature) {
        return centre[feature];
    }

    public double scale(int feature) {
        return scale[feature];
    }
}
