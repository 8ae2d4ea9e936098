package io.segmentflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.segmentflow.support.ReferenceData;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdjustedRandIndexTest {

    @Test
    void matchesScikitLearnOnTheReferenceLabelings() {
        JsonNode expected = ReferenceData.expected().get("adjustedRand");
        assertEquals(2, expected.size());
        expected.fieldNames().forEachRemaining(key -> {
            String[] columns = key.split(" vs ");
            double want = expected.get(key).asDouble();
            double got = AdjustedRandIndex.of(ReferenceData.labels(columns[0]), ReferenceData.labels(columns[1]));
            assertEquals(want, got, 1e-9 * Math.abs(want), key);
        });
    }

    @Test
    void matchesScikitLearnOnItsDocumentedExamples() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}), 1e-15);
        assertEquals(0.5714285714285715, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
        assertEquals(0.5714285714285715, AdjustedRandIndex.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), 1e-15);
        assertEquals(0.0, AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-15);
        assertEquals(-0.5, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
    }

    @Test
    void givesOneForTheSameTrivialPartition() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {5, 5, 5}, new int[] {2, 2, 2}));
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 1, 2}, new int[] {9, 8, 7}));
    }

    @Test
    void rejectsLabelingsOfDifferentLength() {
        assertThrows(IllegalArgumentException.class, () -> AdjustedRandIndex.of(new int[] {0, 1}, new int[] {0}));
    }


    /** A column's labels as ints (true_segment holds names). */
}
