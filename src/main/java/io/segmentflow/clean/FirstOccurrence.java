package io.segmentflow.clean;

/**
 * Finds the first row of each customer id: an open-addressing table of row numbers keyed by the
 * ids themselves, in place of a HashMap&lt;String, Long&gt; that cost a node and a boxed line
 * number per customer (a million of each at scale).
 */
final class FirstOccurrence {
    private final String[] ids;
    private final int[] slots; // row + 1; 0 = empty
    private final int mask;

    FirstOccurrence(String[] ids) {
        this.ids = ids;
        int capacity = Integer.highestOneBit(Math.max(16, ids.length * 2 - 1)) << 1; // load at most one half
        this.slots = new int[capacity];
        this.mask = capacity - 1;
    }

    /** Records row if its id is new and returns -1; otherwise returns the earlier row with the same id. */
    int firstRowOrAdd(int row) {
        String id = ids[row];
        int h = id.hashCode();
        int i = (h ^ (h >>> 16)) * 0x9E3779B9 & mask;
        while (true) {
            int slot = slots[i];
            if (slot == 0) {
                slots[i] = row + 1;
                return -1;
            }
            if (ids[slot - 1].equals(id)) return slot - 1;
            i = (i + 1) & mask;
        }
    }
}
