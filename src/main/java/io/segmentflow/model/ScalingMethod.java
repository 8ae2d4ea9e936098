package io.segmentflow.model;

import java.util.Locale;

/** How one feature is put on a common scale before clustering. */
public enum ScalingMethod {
    /** (x - mean) / population standard deviation. */
    ZSCORE,
    /** (x - min) / (max - min). */
    MINMAX,
    /** z-score of log(1 + x): for skewed money and count features. */
    LOG1P_ZSCORE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ScalingMethod fromKey(String key) {
        for (ScalingMethod m : values()) {
            if (m.key().equalsIgnoreCase(key.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown scaling method '" + key + "'; use zscore, minmax or log1p-zscore");
    }
}
