package io.segmentflow.clean;

import io.segmentflow.model.CustomerIds;

import java.util.stream.IntStream;

/**
 * Finds, for every row, the first earlier row with the same customer id: open-addressing tables of
 * row numbers keyed by the ids themselves, in place of a HashMap&lt;String, Long&gt; that cost a node
 * and a boxed line number per customer (a million of each at scale).
 *
 * <p>The ids are split by hash into one part per core, each with a table of its own, filled in
 * row order: equal ids share a hash, hence a part, so every part finds the same first rows as one
 * table would, whatever the number of parts.
 */
final class FirstOccurrence {
    private FirstOccurrence() {
    }

    /**
     * For each row, the first earlier row with the same id, or -1 if the row is the id's first.
     *
     * @param left left out (and -1) where non-zero: rows rejected for another reason, which do not
     *             count as an id's first; null for none
     */
    static int[] earlierRows(CustomerIds ids, int[] left) {
        int n = ids.size();
        int[] hashes = new int[n];
        IntStream.range(0, n).parallel().forEach(i -> hashes[i] = spread(ids.hash(i)));
        int parts = n < 65_536 ? 1 : Runtime.getRuntime().availableProcessors();
        int[] earlier = new int[n];
        IntStream.range(0, parts).parallel().forEach(part -> fill(ids, hashes, left, part, parts, earlier));
        return earlier;
    }

    private static void fill(CustomerIds ids, int[] hashes, int[] left, int part, int parts, int[] earlier) {
        int n = ids.size();
        int expected = n / parts + 1;
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1; // load at most one half
        int[] slots = new int[capacity]; // row + 1; 0 = empty
        int mask = capacity - 1;
        for (int row = 0; row < n; row++) {
            int h = hashes[row];
            if (Integer.remainderUnsigned(h, parts) != part) continue;
            if (left != null && left[row] != 0) {
                earlier[row] = -1;
                continue;
            }
            int i = Integer.rotateRight(h, 8) & mask; // the low bits chose the part
            while (true) {
                int slot = slots[i];
                if (slot == 0) {
                    slots[i] = row + 1;
                    earlier[row] = -1;
                    break;
                }
                if (hashes[slot - 1] == h && ids.same(slot - 1, row)) {
                    earlier[row] = slot - 1;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B9;
    }
}
