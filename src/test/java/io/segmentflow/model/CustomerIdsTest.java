package io.segmentflow.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte column claims to behave as the Strings it stands for: same text, hash and equality. */
class CustomerIdsTest {
    private static final String[] ODD = {"C0000001", "", " padded ", "Aa", "BB", "\u00e9t\u00e9", "ete", "\u5ba2\u6237-1",
            "\uD83D\uDE00", "a,b", "two\nlines", "\"q\"", "\u0000", "~"};

    @Test
    void givesBackEachIdWithItsStringHash() {
        CustomerIds ids = CustomerIds.of(ODD);
        assertEquals(ODD.length, ids.size());
        for (int i = 0; i < ODD.length; i++) {
            assertEquals(ODD[i], ids.get(i));
            assertEquals(ODD[i].hashCode(), ids.hash(i), ODD[i]);
        }
        assertEquals(List.of(ODD), ids.toList());
    }

    @Test
    void comparesIdsByValueAndMatchesRegionsOfText() {
        CustomerIds ids = CustomerIds.of(ODD);
        for (int i = 0; i < ODD.length; i++) {
            for (int j = 0; j < ODD.length; j++) {
                assertEquals(ODD[i].equals(ODD[j]), ids.same(i, j), ODD[i] + " / " + ODD[j]);
                String line = "<" + ODD[j] + ">,7";
                assertEquals(ODD[i].equals(ODD[j]), ids.matches(i, line, 1, 1 + ODD[j].length()), ODD[i] + " in " + line);
            }
        }
    }

    @Test
    void asciiOnlyColumnsAgreeWithStringsToo() {
        String[] ascii = {"C1", "Aa", "BB", "C1", "", "x y"};
        CustomerIds ids = CustomerIds.of(ascii);
        for (int i = 0; i < ascii.length; i++) {
            assertEquals(ascii[i].hashCode(), ids.hash(i));
            assertTrue(ids.matches(i, "[" + ascii[i] + "]", 1, 1 + ascii[i].length()));
            assertFalse(ids.matches(i, ascii[i] + "z", 0, ascii[i].length() + 1));
        }
        assertTrue(ids.same(0, 3));
        assertFalse(ids.same(1, 2), "same hash, different ids");
    }

    @Test
    void selectsRowsInTheGivenOrderWithRepeats() {
        CustomerIds ids = CustomerIds.of(ODD);
        CustomerIds selected = ids.select(new int[] {7, 0, 7, 1});
        assertEquals(List.of(ODD[7], ODD[0], ODD[7], ODD[1]), selected.toList());
        assertEquals(CustomerIds.of(ODD[7], ODD[0], ODD[7], ODD[1]), selected);
        assertEquals(0, ids.select(new int[0]).size());
    }

    @Test
    void aBuilderFedBytesAndStringsGrowsToAnySize() {
        Random random = new Random(11);
        CustomerIds.Builder builder = new CustomerIds.Builder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String id = "C" + random.nextInt(1_000_000) + (i % 97 == 0 ? "\u00e9" : "");
            expected.add(id);
            if (i % 2 == 0) {
                builder.add(id);
            } else {
                byte[] padded = ("..." + id + "...").getBytes(StandardCharsets.UTF_8);
                builder.add(padded, 3, padded.length - 3);
            }
        }
        CustomerIds ids = builder.build();
        assertEquals(expected, new ArrayList<>(ids.toList()));
        assertEquals(CustomerIds.of(expected), ids);
        assertEquals(CustomerIds.of(expected).hashCode(), ids.hashCode());
        assertNotEquals(CustomerIds.of(expected.subList(1, expected.size())), ids);
    }
}
