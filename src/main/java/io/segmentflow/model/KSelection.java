package io.segmentflow.model;

import java.util.List;

/**
 * How k was chosen when it was not given: every candidate k with its measures, the criterion, the
 * choice and the reason in words.
 *
 * @param criterion   silhouette, calinski-harabasz, davies-bouldin or sse-knee
 * @param chosenK     the number of segments chosen
 * @param reason      one sentence a manager can read
 * @param evaluatedOn customers the candidates were compared on (a seeded sample of large inputs)
 * @param scores      one entry per candidate k, ascending
 */
public record KSelection(String criterion, int chosenK, String reason, int evaluatedOn, List<Score> scores) {
    public KSelection {
        scores = List.copyOf(scores);
    }

    /** The measures of one candidate k (see ClusterQuality for their directions). */
    public record Score(int k, double sse, double silhouette, double calinskiHarabasz, double daviesBouldin) {
    }
}
