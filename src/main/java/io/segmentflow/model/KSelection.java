package io.segmentflow.model;

import java.util.List;

/**
 * How k was chosen when it was not given: every candidate k with its measures, the criterion, the
 * choice and the reason in words.
 *
 * @param criterion   silhouette, calinski-harabasz, davies-bouldin or sse-knee
 * @param chosenK     the number of segments chosen
 * @param reason      one sentence a manager can read
 * @param evaluatedOn      customers the candidates were compared on (a seeded sample of large inputs)
 * @param silhouetteSample customers of those the silhouette compared pairwise (a further seeded sample)
 * @param scores           one entry per candidate k, ascending
 */
public record KSelection(String criterion, int chosenK, String reason, int evaluatedOn, int silhouetteSample,
                         List<Score> scores) {
    public KSelection {
        scores = List.copyOf(scores);
    }

    /**
     * The measures of one candidate k (see ClusterQuality for their directions), and its bootstrap
     * stability: mean and minimum adjusted Rand index over resamples (NaN when the check is off).
     */
    public record Score(int k, double sse, double silhouette, double calinskiHarabasz, double daviesBouldin,
                        double stabilityMean, double stabilityMin) {
    }
}
