package io.segmentflow.model;

import java.util.List;

/**
 * How trustworthy a run's segments are, on the scaled features.
 *
 * @param sse              sum of squared distances to the segment means (lower is better)
 * @param silhouette       mean silhouette, -1..1 (higher is better); NaN when it was not measured
 * @param silhouetteSample customers the silhouette was computed over (all of them, or a seeded stratified sample);
 *                         0 when it was not measured
 * @param silhouetteExact  true when every customer was used
 * @param calinskiHarabasz between- over within-segment dispersion (higher is better)
 * @param daviesBouldin    mean worst spread-to-separation ratio (lower is better; 0 is best)
 * @param concerns         why the segments look poor, empty when they do not
 */
public record QualityFigures(double sse, double silhouette, int silhouetteSample, boolean silhouetteExact,
                             double calinskiHarabasz, double daviesBouldin, List<String> concerns) {
    public QualityFigures {
        concerns = List.copyOf(concerns);
    }

    public boolean silhouetteMeasured() {
        return silhouetteSample > 0;
    }

    public boolean poor() {
        return !concerns.isEmpty();
    }
}
