package io.segmentflow.deliver;

import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds CSV records as UTF-8 bytes, byte for byte what a CSVPrinter with the same format writes.
 * Cells of printable ASCII without a quote or a comma (ids, numbers, dates, names) go straight into
 * the buffer; any other cell is printed by commons-csv itself, which decides its quoting. CSVPrinter
 * costs a few appends, a quoting scan and a char-to-byte encoding per cell; at a million customers
 * times ten cells times two files that was most of the deliver stage.
 */
public final class CsvLineBuilder {
    private final CSVFormat format;
    private final StringBuilder scratch = new StringBuilder();
    private final byte[] digits = new byte[20];
    private byte[] buf;
    private int length;
    private boolean newRecord = true;

    /** @param format comma-delimited, '"'-quoted, minimal quoting, "\n" records (the writer's format) */
    public CsvLineBuilder(CSVFormat format, int capacity) {
        this.format = format;
        this.buf = new byte[Math.max(capacity, 256)];
    }

    public void cell(String value) {
        if (isPlain(value)) {
            plainCell(value);
            return;
        }
        scratch.setLength(0);
        try {
            format.print(value, scratch, newRecord); // writes the delimiter itself when not first
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        byte[] bytes = scratch.toString().getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
        newRecord = false;
    }

    /** {@link #cell(String)} of the text whose UTF-8 bytes are {@code utf8[from, to)}; no String when they are plain. */
    public void cell(byte[] utf8, int from, int to) {
        if (isPlain(utf8, from, to)) {
            appendCell(utf8, from, to);
        } else {
            cell(new String(utf8, from, to - from, StandardCharsets.UTF_8));
        }
    }

    /** {@code cell(CsvCells.text(...))} of the same text: a formula-like start is neutralised. */
    public void textCell(byte[] utf8, int from, int to) {
        if (isPlain(utf8, from, to) && !CsvCells.startsLikeFormula((char) utf8[from])) {
            appendCell(utf8, from, to);
        } else {
            cell(CsvCells.text(new String(utf8, from, to - from, StandardCharsets.UTF_8)));
        }
    }

    private void appendCell(byte[] utf8, int from, int to) {
        ensure(to - from + 1);
        if (!newRecord) buf[length++] = ',';
        System.arraycopy(utf8, from, buf, length, to - from);
        length += to - from;
        newRecord = false;
    }

    /** A cell known to be plain (a number, an ISO date): appended without the quoting scan. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps each char's low byte: exact for ASCII
    public void plainCell(String value) {
        ensure(value.length() + 1);
        if (!newRecord) buf[length++] = ',';
        // one bulk copy; a charAt loop paid a bounds check per character, millions of cells over
        value.getBytes(0, value.length(), buf, length);
        length += value.length();
        newRecord = false;
    }

    /**
     * {@link CsvCells#number}'s text of v, written straight into the buffer: whole numbers, and
     * decimals of up to four places between 0.001 and 10^7 (money, rates, the values of most input
     * files), without a String or a shortest-digits search. Any other value goes through
     * {@link CsvCells#decimal}. The same text: a double that is the nearest to r / 10^places is
     * printed by the shortest-digits rule as exactly that decimal, since no other decimal of so few
     * places lies within its rounding interval.
     */
    public void numberCell(double v) {
        // whole: the same test as v == Math.rint(v) below 10^15, without rint (a call under C1)
        if (Math.abs(v) < 1e15 && (double) (long) v == v) {
            digitsCell((long) v, 0);
            return;
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            for (int places = 1; places < POWERS_OF_TEN.length; places++) {
                long r = Math.round(v * POWERS_OF_TEN[places]);
                if (r / POWERS_OF_TEN[places] == v) { // exact: r and 10^places are exact doubles, the quotient rounded once
                    digitsCell(r, places);
                    return;
                }
            }
        }
        plainCell(CsvCells.decimal(v));
    }

    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};

    /** value / 10^places in plain notation: "-12", "0.05", "123.4". */
    private void digitsCell(long value, int places) {
        ensure(24);
        if (!newRecord) buf[length++] = ',';
        newRecord = false;
        if (value < 0) {
            buf[length++] = '-';
            value = -value;
        }
        int n = 0;
        while (value >= 1L << 32) { // lowest digit first
            digits[n++] = (byte) ('0' + value % 10);
            value /= 10;
        }
        do { // at least places + 1 digits, so 5 at two places is 0.05
            // value / 10 by a multiplication: exact below 2^32, and C1 divides by a constant slowly
            long tenth = (value * 0xCCCC_CCCDL) >>> 35;
            digits[n++] = (byte) ('0' + (value - tenth * 10));
            value = tenth;
        } while (value > 0 || n <= places);
        for (int i = n - 1; i >= 0; i--) {
            buf[length++] = digits[i];
            if (i == places && places > 0) buf[length++] = '.';
        }
    }

    /**
     * Cells encoded once by {@link #encode} and repeated on many lines (a segment's id and name):
     * one copy instead of a quoting scan per cell.
     */
    public void encodedCells(byte[] cells) {
        ensure(cells.length + 1);
        if (!newRecord) buf[length++] = ',';
        System.arraycopy(cells, 0, buf, length, cells.length);
        length += cells.length;
        newRecord = false;
    }

    /** The given cells as {@link #cell} writes them, comma-separated, for {@link #encodedCells}. */
    public static byte[] encode(CSVFormat format, String... cells) {
        CsvLineBuilder line = new CsvLineBuilder(format, 64);
        for (String cell : cells) line.cell(cell);
        return Arrays.copyOf(line.buf, line.length);
    }

    public void endRecord() {
        ensure(1);
        buf[length++] = '\n';
        newRecord = true;
    }

    /** Appends the bytes of whole records built by another builder. */
    void append(byte[] bytes, int from, int to) {
        ensure(to - from);
        System.arraycopy(bytes, from, buf, length, to - from);
        length += to - from;
    }

    public int length() {
        return length;
    }

    byte[] bytes() {
        return buf;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, length);
    }

    public void clear() {
        length = 0;
        newRecord = true;
    }

    /** Printable ASCII from '$' up, no quote, no comma: commons-csv prints these unquoted as they are. */
    static boolean isPlain(String value) {
        if (value.isEmpty()) return false; // an empty first cell is quoted; leave that to commons-csv
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '$' || c > '~' || c == '"' || c == ',') return false;
        }
        return true;
    }

    /** {@link #isPlain(String)} of ASCII bytes; a byte of a longer UTF-8 sequence is negative, so not plain. */
    static boolean isPlain(byte[] b, int from, int to) {
        if (from == to) return false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '$' || c > '~' || c == '"' || c == ',') return false;
        }
        return true;
    }

    private void ensure(int more) {
        if (length + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
    }
}
