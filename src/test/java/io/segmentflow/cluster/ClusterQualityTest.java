package io.segmentflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.support.ReferenceData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every measure reproduces scikit-learn 1.2.1 on the reference data to a relative error of 1e-9. */
class ClusterQualityTest {
    private static final FeatureMatrix X = ReferenceData.features();
    private static final JsonNode EXPECTED = ReferenceData.expected();

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void reproducesScikitLearn(int k) {
        int[] labels = ReferenceData.labels("labels_k" + k);
        JsonNode want = EXPECTED.at("/labelings/labels_k" + k);
        int[] everyone = IntStream.range(0, X.rows()).toArray();

        close(want.get("sse").asDouble(), ClusterQuality.Dispersion.of(X, labels, k).sse(), "SSE");
        close(want.get("silhouette").asDouble(), ClusterQuality.silhouette(X, labels, k, everyone), "silhouette");
        close(want.get("calinskiHarabasz").asDouble(), ClusterQuality.Dispersion.of(X, labels, k).calinskiHarabasz(), "Calinski-Harabasz");
        close(want.get("daviesBouldin").asDouble(), ClusterQuality.Dispersion.of(X, labels, k).daviesBouldin(), "Davies-Bouldin");
    }

    @Test
    void reproducesScikitLearnPerCustomerSilhouettes() {
        int[] labels = ReferenceData.labels("labels_k4");
        double[] samples = ClusterQuality.silhouetteSamples(X, labels, 4, IntStream.range(0, X.rows()).toArray());
        JsonNode want = EXPECTED.get("silhouetteSamplesFirst5_k4");
        for (int i = 0; i < 5; i++) close(want.get(i).asDouble(), samples[i], "silhouette of customer " + i);
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.abs(expected), what);
    }
}
