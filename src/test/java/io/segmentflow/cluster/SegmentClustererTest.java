package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.KSelection;
import io.segmentflow.support.ReferenceData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentClustererTest {
    private static final ClusteringSettings SETTINGS = new ClusteringSettings(4, 0, "k-means++", 5, 100, 1);

    /** The reason for the default criterion: on scikit-learn's reference data the criteria disagree. */
    @Test
    void onTheReferenceDataCalinskiHarabaszFindsThePlantedFourWhereSilhouettePicksTwo() {
        List<KSelection.Score> scores = clusterer("calinski-harabasz").scores(ReferenceData.features());
        assertEquals(4, clusterer("calinski-harabasz").select(scores, 3000).chosenK());
        assertEquals(4, clusterer("davies-bouldin").select(scores, 3000).chosenK());
        assertEquals(2, clusterer("silhouette").select(scores, 3000).chosenK());
    }

    @Test
    void recordsEveryCandidateAndSaysWhyInWords() {
        KSelection s = clusterer("calinski-harabasz").choose(ReferenceData.features());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), s.scores().stream().map(KSelection.Score::k).toList());
        assertTrue(s.reason().startsWith("k = 4 has the highest Calinski-Harabasz index"), s.reason());
        assertEquals(3000, s.evaluatedOn());
    }

    @Test
    void theKneeIsWhereTheSseCurveBendsMost() {
        List<KSelection.Score> curve = List.of(score(2, 100), score(3, 40), score(4, 30), score(5, 25), score(6, 22));
        assertEquals(1, SegmentClusterer.knee(curve), "k = 3");
    }

    @Test
    void rejectsAnUnknownCriterionAndABadRange() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentClusterer.AutoK(true, 2, 10, "gut-feeling", 5000));
        assertThrows(IllegalArgumentException.class, () -> new SegmentClusterer.AutoK(true, 5, 3, "silhouette", 5000));
        assertThrows(IllegalArgumentException.class, () -> new SegmentClusterer.AutoK(true, 1, 3, "silhouette", 5000));
    }

    private static KSelection.Score score(int k, double sse) {
        return new KSelection.Score(k, sse, 0, 0, 0, Double.NaN, Double.NaN);
    }

    private static SegmentClusterer clusterer(String criterion) {
        return new SegmentClusterer(SETTINGS, new SegmentClusterer.AutoK(true, 2, 10, criterion, 5000));
    }
}
