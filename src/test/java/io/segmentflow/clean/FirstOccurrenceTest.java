package io.segmentflow.clean;

import io.segmentflow.model.CustomerIds;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class FirstOccurrenceTest {

    /** What one HashMap finds, row by row: the reference the split tables must agree with. */
    private static int[] oneMap(String[] ids, int[] left) {
        Map<String, Integer> first = new HashMap<>();
        int[] earlier = new int[ids.length];
        for (int row = 0; row < ids.length; row++) {
            if (left != null && left[row] != 0) {
                earlier[row] = -1;
                continue;
            }
            Integer seen = first.putIfAbsent(ids[row], row);
            earlier[row] = seen == null ? -1 : seen;
        }
        return earlier;
    }

    @Test
    void findsTheSameFirstRowsAsOneMapOnAMillionIdsSplitByHash() {
        Random random = new Random(7);
        int n = 1_000_000;
        String[] ids = new String[n];
        int[] left = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "C" + random.nextInt(700_000); // about a third are repeats, some several times
            if (random.nextInt(50) == 0) left[i] = 1;
        }
        assertArrayEquals(oneMap(ids, left), FirstOccurrence.earlierRows(CustomerIds.of(ids), left));
        assertArrayEquals(oneMap(ids, null), FirstOccurrence.earlierRows(CustomerIds.of(ids), null));
    }

    @Test
    void aRowLeftOutIsNotItsIdsFirst() {
        String[] ids = {"a", "b", "a", "a", "b"};
        assertArrayEquals(new int[] {-1, -1, -1, 2, 1}, FirstOccurrence.earlierRows(CustomerIds.of(ids), new int[] {1, 0, 0, 0, 0}));
    }

    @Test
    void idsWithOneHashStillMatchByValue() {
        String[] ids = {"Aa", "BB", "Aa", "BB", "AaAa", "BBBB", "AaBB", "\u00e9t\u00e9", "ete", "\u00e9t\u00e9", "\ud83d\ude00", "\ud83d\ude00"}; // "Aa" and "BB" share a hashCode
        assertArrayEquals(oneMap(ids, null), FirstOccurrence.earlierRows(CustomerIds.of(ids), null));
    }
}
