package io.segmentflow.model;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * Customer ids as one column of UTF-8 bytes: a million ids are two arrays, not a million Strings
 * (two objects each) that young collections copy and the heap holds for the whole run. At a
 * million customers the Strings cost about 100 ms of GC pauses and 60 MB of RSS. {@link #get}
 * makes a String when one is needed: a message, a mail, a database row.
 *
 * <p>Equal ids have equal bytes (UTF-8 encodes each String one way), and {@link #hash} is the
 * id's {@link String#hashCode}, so lookups by bytes and by Strings agree.
 */
public final class CustomerIds {
    private static final CustomerIds NONE = new CustomerIds(new byte[0], new int[1]);

    private final byte[] utf8;
    private final int[] starts; // size() + 1 entries: id i is utf8[starts[i], starts[i + 1])
    private final boolean ascii;

    private CustomerIds(byte[] utf8, int[] starts) {
        this.utf8 = utf8;
        this.starts = starts;
        this.ascii = isAscii(utf8, 0, starts[starts.length - 1]);
    }

    public static CustomerIds of(String... ids) {
        if (ids.length == 0) return NONE;
        Builder builder = new Builder(ids.length, 16);
        for (String id : ids) builder.add(id);
        return builder.build();
    }

    public static CustomerIds of(List<String> ids) {
        return of(ids.toArray(String[]::new));
    }

    public int size() {
        return starts.length - 1;
    }

    /** The id of row i, as a new String. */
    public String get(int i) {
        int from = starts[i], to = starts[i + 1];
        return new String(utf8, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** {@code get(i).hashCode()}, for ASCII ids without making the String. */
    public int hash(int i) {
        int from = starts[i], to = starts[i + 1];
        if (!ascii && !isAscii(utf8, from, to)) return get(i).hashCode();
        int h = 0;
        for (int b = from; b < to; b++) h = 31 * h + utf8[b];
        return h;
    }

    /** Whether rows i and j have the same id. */
    public boolean same(int i, int j) {
        return Arrays.equals(utf8, starts[i], starts[i + 1], utf8, starts[j], starts[j + 1]);
    }

    /** Whether row i's id is {@code text.substring(from, to)}, without cutting it out. */
    public boolean matches(int i, String text, int from, int to) {
        int start = starts[i], length = starts[i + 1] - start;
        if (!ascii && !isAscii(utf8, start, start + length)) return get(i).equals(text.substring(from, to));
        if (length != to - from) return false;
        for (int b = 0; b < length; b++) {
            if (utf8[start + b] != text.charAt(from + b)) return false;
        }
        return true;
    }

    /**
     * The UTF-8 bytes of every id back to back; id i is {@code [start(i), start(i + 1))}. Not a copy
     * (a writer reads a million ids from it): read it, never write into it.
     */
    public byte[] utf8() {
        return utf8;
    }

    public int start(int i) {
        return starts[i];
    }

    /** The ids of the rows at the given positions, in that order (a position may repeat). */
    public CustomerIds select(int[] rows) {
        long bytes = 0;
        for (int row : rows) bytes += starts[row + 1] - starts[row];
        Builder builder = new Builder(rows.length, checkedSize(bytes));
        for (int row : rows) builder.add(utf8, starts[row], starts[row + 1]);
        return builder.build();
    }

    /** The ids as Strings, made on demand. */
    public List<String> toList() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return CustomerIds.this.get(index);
            }

            @Override
            public int size() {
                return CustomerIds.this.size();
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CustomerIds other) || other.size() != size()) return false;
        int n = size();
        return Arrays.equals(utf8, 0, starts[n], other.utf8, 0, other.starts[n])
                && Arrays.equals(starts, 0, n + 1, other.starts, 0, n + 1);
    }

    @Override
    public int hashCode() {
        int h = size();
        for (int b = 0; b < starts[size()]; b++) h = 31 * h + utf8[b];
        return h;
    }

    @Override
    public String toString() {
        return "CustomerIds[" + size() + "]";
    }

    private static boolean isAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) return false;
        }
        return true;
    }

    private static int checkedSize(long bytes) {
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new InputRejectedException("the customer ids take more than 2 GB; split the input");
        }
        return (int) bytes;
    }

    /** Collects ids in row order, growing its two arrays as a list would. */
    public static final class Builder {
        private byte[] utf8;
        private int[] starts;
        private int size;

        public Builder() {
            this(1024, 16 * 1024);
        }

        private Builder(int ids, int bytes) {
            this.utf8 = new byte[Math.max(bytes, 16)];
            this.starts = new int[Math.max(ids, 1) + 1];
        }

        public Builder add(String id) {
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            return add(bytes, 0, bytes.length);
        }

        /** Adds the id whose UTF-8 bytes are {@code b[from, to)}. */
        public Builder add(byte[] b, int from, int to) {
            int end = starts[size];
            int length = to - from;
            if (end + length > utf8.length) {
                utf8 = Arrays.copyOf(utf8, checkedSize(Math.max(2L * utf8.length, (long) end + length)));
            }
            if (size + 2 > starts.length) starts = Arrays.copyOf(starts, Math.max(2 * starts.length, size + 2));
            System.arraycopy(b, from, utf8, end, length);
            starts[++size] = end + length;
            return this;
        }

        public int size() {
            return size;
        }

        public CustomerIds build() {
            int end = starts[size];
            return new CustomerIds(end == utf8.length ? utf8 : Arrays.copyOf(utf8, end),
                    size + 1 == starts.length ? starts : Arrays.copyOf(starts, size + 1));
        }
    }
}
