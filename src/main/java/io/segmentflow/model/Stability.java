package io.segmentflow.model;

import java.util.List;

/**
 * Whether the segments come back when the customers are resampled: each seeded bootstrap resample
 * is clustered again and compared with the run's segments by the adjusted Rand index (1 = the same
 * segments, 0 = no better than chance).
 *
 * @param resamples  how many resamples were drawn
 * @param sampleSize customers per resample
 * @param ari        the adjusted Rand index of each resample, in order
 * @param mean       their mean
 * @param min        their minimum
 * @param stable     false when {@code mean} is below the configured threshold
 */
public record Stability(int resamples, int sampleSize, List<Double> ari, double mean, double min, boolean stable) {
    public Stability {
        ari = List.copyOf(ari);
    }
}
