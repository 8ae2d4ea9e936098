package io.segmentflow.ingest;

import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bad-input table of reliability.md section 4, as far as a single CSV read can show it. */
class CsvCustomerReaderTest {
    private static final String HEADER = "customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date";
    private static final String GOOD_ROW = "c1,10,1,2.5,2024-01-05";
    private static final Instant NOW = Instant.parse("2024-06-01T10:15:30Z");

    // ------------------------------------------------------------------ header

    @Test
    void matchesHeadersCaseInsensitivelyAndTrimmed() {
        SegmentationRun run = read(" Customer_ID ,TOTAL_SPENT, purchase_count,Avg_Session_Time ,LAST_PURCHASE_DATE\n"
                + GOOD_ROW + "\n");

        assertRowsAddUp(run);
        assertEquals(1, run.table().rows());
        assertEquals("c1", run.table().customerId(0));
        assertEquals(10.0, run.table().value("total_spent", 0));
        assertEquals(2.5, run.table().value("avg_session_time", 0));
    }

    @Test
    void matchesColumnsInAnyOrder() {
        SegmentationRun run = read("last_purchase_date,avg_session_time,purchase_count,total_spent,customer_id\n"
                + "2024-01-05,2.5,1,10,c1\n");

        assertRowsAddUp(run);
        assertEquals("c1", run.table().customerId(0));
        assertEquals(10.0, run.table().value("total_spent", 0));
        assertEquals(LocalDate.of(2024, 1, 5).toEpochDay(), run.table().value("last_purchase_date", 0));
    }

    @Test
    void stripsUtf8ByteOrderMark() {
        SegmentationRun run = read(concat(bom(), utf8(HEADER + "\n" + GOOD_ROW + "\n")));

        assertRowsAddUp(run);
        assertEquals(List.of(), run.warnings(), "a BOM left in place would make \\uFEFFcustomer_id an extra column");
        assertEquals("c1", run.table().customerId(0));
    }

    @Test
    void acceptsExtraColumnsWithAWarning() {
        SegmentationRun run = read(HEADER + ",region,Note\n" + GOOD_ROW + ",north,hello\n");

        assertRowsAddUp(run);
        assertEquals(1, run.table().rows());
        assertEquals(List.of("ignored columns not used by the schema: Note, region"), run.warnings());
    }

    @Test
    void rejectsMissingRequiredColumnNamingItAndWhatWasFound() {
        InputRejectedException e = rejected(
                "customer_id,purchase_count,avg_session_time,last_purchase_date\nc1,1,2.5,2024-01-05\n");

        assertEquals("column 'total_spent' is missing; found: customer_id, purchase_count, avg_session_time,"
                + " last_purchase_date", e.getMessage());
    }

    @Test
    void rejectsSeveralMissingColumnsListingThemAll() {
        InputRejectedException e = rejected("id,spend,count\n1,2,3\n");

        assertTrue(e.getMessage().startsWith("columns 'customer_id', 'total_spent', 'purchase_count', 'avg_session_time',"
                + " 'last_purchase_date' are missing"), e.getMessage());
        assertTrue(e.getMessage().contains("found: id, spend, count"), e.getMessage());
        assertTrue(!e.getMessage().contains("-separated"), "no delimiter hint for a comma file: " + e.getMessage());
    }

    @Test
    void hintsAtSemicolonsWhenACommaReaderSeesOneColumn() {
        InputRejectedException e = rejected(HEADER.replace(',', ';') + "\nc1;10;1;\"2,5\";2024-01-05\n");

        assertTrue(e.getMessage().contains("is missing") || e.getMessage().contains("are missing"), e.getMessage());
        assertTrue(e.getMessage().contains("looks ';'-separated"), e.getMessage());
    }

    @Test
    void hintsAtTabsWhenACommaReaderSeesOneColumn() {
        InputRejectedException e = rejected(HEADER.replace(',', '\t') + "\nc1\t10\t1\t2.5\t2024-01-05\n");

        assertTrue(e.getMessage().contains("looks tab-separated"), e.getMessage());
    }

    @Test
    void rejectsDuplicateHeaderNames() {
        InputRejectedException e = rejected(HEADER + ",Total_Spent \n" + GOOD_ROW + ",11\n");

        assertTrue(e.getMessage().contains("'total_spent' appears twice"), e.getMessage());
    }

    @ParameterizedTest(name = "delimiter [{0}]")
    @ValueSource(chars = {';', '\t', '|'})
    void readsWithConfiguredDelimiter(char delimiter) {
        String d = String.valueOf(delimiter);
        String csv = HEADER.replace(",", d) + "\n" + String.join(d, "\"c" + d + "1\"", "10", "1", "2.5", "2024-01-05")
                + "\n" + String.join(d, "c2", "1,5", "2", "3", "2024-01-06") + "\n";

        SegmentationRun run = new CsvCustomerReader(schema(delimiter, 65536), clock())
                .read(new ByteArrayInputStream(utf8(csv)), "in.csv", null);

        assertRowsAddUp(run);
        assertEquals(List.of("c" + d + "1"), run.table().customerIds().toList());
        assertEquals(RejectReason.NOT_A_NUMBER, only(run).reason(), "1,5 is not a number");
        assertEquals(3, only(run).sourceLine());
    }

    // ------------------------------------------------------------------ whole-file rejections

    @Test
    void rejectsZeroByteFileAsEmpty() {
        assertEquals("the file is empty", rejected(new byte[0]).getMessage());
    }

    @Test
    void rejectsFileWithOnlyAByteOrderMarkAsEmpty() {
        assertEquals("the file is empty", rejected(bom()).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {HEADER, HEADER + "\n", HEADER + "\r\n\r\n\n"})
    void rejectsHeaderOnlyFileAsHavingNoDataRows(String csv) {
        assertTrue(rejected(csv).getMessage().contains("no data rows"));
    }

    @Test
    void rejectsInvalidUtf8NamingTheLine() {
        byte[] cp1252 = concat(utf8(HEADER + "\n" + GOOD_ROW + "\nc"), new byte[] {(byte) 0xE9},
                utf8(",20,2,3.5,2024-01-06\n"));

        InputRejectedException e = rejected(cp1252);

        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8FarIntoTheFileNamingItsLine() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 2000; i++) {
            csv.append("c").append(i).append(",").append(i).append(",1,2.5,2024-01-05\n");
        }
        byte[] bytes = concat(utf8(csv.toString()), utf8("Ren"), new byte[] {(byte) 0xE9}, utf8(",1,1,1,2024-01-05\n"),
                utf8(GOOD_ROW + "\n"));

        InputRejectedException e = rejected(bytes);

        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2002"), e.getMessage());
    }

    @Test
    void rejectsTruncatedMultiByteSequenceAtEndOfFile() {
        InputRejectedException e = rejected(concat(utf8(HEADER + "\n" + GOOD_ROW + "\nc"), new byte[] {(byte) 0xC3}));

        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void readsMultiByteCharactersInIds() {
        SegmentationRun run = read(HEADER + "\nRené-🙂,10,1,2.5,2024-01-05\n");

        assertRowsAddUp(run);
        assertEquals("René-🙂", run.table().customerId(0));
    }

    @Test
    void rejectsOverlongLineWithoutReadingTheRest() {
        CountingEndlessStream in = new CountingEndlessStream(utf8(HEADER + "\n" + "c1,"), (byte) '9');

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new CsvCustomerReader(schema(',', 65536), clock()).read(in, "endless.csv", null));

        assertTrue(e.getMessage().contains("line 2 is longer than 65536"), e.getMessage());
        assertTrue(in.served < 1 << 20, "read " + in.served + " bytes of an endless line");
    }

    @Test
    void rejectsOverlongLineInsideAQuotedField() {
        String longNote = "x".repeat(2000);
        String csv = HEADER + ",note\n" + GOOD_ROW + ",\"short\nstill " + longNote + "\"\n";

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new CsvCustomerReader(schema(',', 1024), clock())
                        .read(new ByteArrayInputStream(utf8(csv)), "in.csv", null));

        assertTrue(e.getMessage().contains("line 3 is longer than 1024"), e.getMessage());
    }

    @Test
    void rejectsUnterminatedQuote() {
        String csv = HEADER + "\n" + GOOD_ROW + "\nc2,\"20,2,3.5,2024-01-06\nc3,30,3,4.5,2024-01-07\n";

        InputRejectedException e = rejected(csv);

        assertTrue(e.getMessage().contains("not valid CSV"), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    // ------------------------------------------------------------------ quoting and line numbers

    @Test
    void readsQuotedCommasDoubledQuotesAndNewlinesCitingPhysicalStartLines() {
        String csv = HEADER + ",note\n"                                    // line 1
                + "\"c,1\",\"10\",1,2.5,2024-01-01,\"Smith, John\"\n"         // line 2
                + "c2,20,2,3.5,2024-01-02,\"said \"\"hi\"\"\"\n"              // line 3
                + "c3,30,3,4.5,2024-01-03,\"one\ntwo\nthree\"\n"              // lines 4-6
                + "c4,40,4,5.5,2024-01-04,plain\n"                           // line 7
                + "c5,abc,5,6.5,2024-01-05,plain\n";                         // line 8

        SegmentationRun run = read(csv);

        assertRowsAddUp(run);
        assertEquals(List.of("c,1", "c2", "c3", "c4"), run.table().customerIds().toList());
        assertArrayEquals(new long[] {2, 3, 4, 7}, lines(run));
        assertEquals(8, only(run).sourceLine());
        assertEquals(10.0, run.table().value("total_spent", 0));
    }

    @Test
    void citesPhysicalLinesAfterBlankLinesBeforeTheHeader() {
        SegmentationRun run = read("\n\r\n" + HEADER + "\n" + GOOD_ROW + "\n");

        assertRowsAddUp(run);
        assertArrayEquals(new long[] {4}, lines(run));
    }

    @Test
    void acceptsValidUtf8ThatHappensToContainAReplacementCharacter() {
        // U+FFFD written as proper UTF-8 is valid text; only invalid byte sequences reject a file.
        SegmentationRun run = read(HEADER + "\n" + GOOD_ROW + "\nRen\uFFFD,1,1,1,2024-01-05\n");

        assertRowsAddUp(run);
        assertEquals("Ren\uFFFD", run.table().customerId(1));
    }

    @Test
    void citesPhysicalLinesAcrossBlankLines() {
        SegmentationRun run = read(HEADER + "\n" + GOOD_ROW + "\n\n\nc2,20,2,3.5,2024-01-06\n");

        assertRowsAddUp(run);
        assertEquals(2, run.rowsRead());
        assertArrayEquals(new long[] {2, 5}, lines(run));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CR only, r, r, r", "mixed, rn, n, r", "CRLF, rn, rn, rn"})
    void readsCrOnlyAndMixedLineEndings(String name, String first, String second, String third) {
        String csv = HEADER + eol(first) + GOOD_ROW + eol(second) + "c2,20,2,3.5,2024-01-06" + eol(third)
                + "c3,30,3,4.5,2024-01-07";

        SegmentationRun run = read(csv);

        assertRowsAddUp(run);
        assertEquals(List.of("c1", "c2", "c3"), run.table().customerIds().toList());
        assertArrayEquals(new long[] {2, 3, 4}, lines(run));
        assertEquals(LocalDate.of(2024, 1, 6).toEpochDay(), run.table().value("last_purchase_date", 1));
    }

    @Test
    void readsCrOnlyFileLongerThanTheLineLimit() {
        StringBuilder csv = new StringBuilder(HEADER).append('\r');
        for (int i = 0; i < 4000; i++) {
            csv.append("c").append(i).append(",").append(i).append(",1,2.5,2024-01-05\r");
        }

        SegmentationRun run = new CsvCustomerReader(schema(',', 1024), clock())
                .read(new ByteArrayInputStream(utf8(csv.toString())), "mac.csv", null);

        assertRowsAddUp(run);
        assertEquals(4000, run.table().rows());
        assertEquals(4001, run.table().sourceLine(3999));
    }

    @Test
    void citesPhysicalLineOfARowAfterCrOnlyLines() {
        SegmentationRun run = read(HEADER + "\r" + GOOD_ROW + "\rc2,20,2,3.5,2024-01-06\rc3,x,3,4.5,2024-01-07\r");

        assertRowsAddUp(run);
        assertEquals(4, only(run).sourceLine());
    }

    // ------------------------------------------------------------------ rows

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"c1,10,1,2.5", "c1,10,1,2.5,2024-01-05,extra", "c1"})
    void quarantinesRaggedRows(String row) {
        SegmentationRun run = read(HEADER + "\n" + row + "\nc2,20,2,3.5,2024-01-06\n");

        assertRowsAddUp(run);
        assertEquals(List.of("c2"), run.table().customerIds().toList());
        assertEquals(RejectReason.WRONG_FIELD_COUNT, only(run).reason());
        assertEquals(2, only(run).sourceLine());
        assertEquals("c1", only(run).customerId());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"abc", "\"1,234.5\"", "\"12,5\"", "EUR 12", "NaN", "Infinity", "-Infinity", "1e999",
            "0x1p3", "12d", "12f", "1e", "-", ".", "1.2.3", "١٢"})
    void quarantinesValuesThatAreNotPlainDecimals(String cell) {
        SegmentationRun run = read(HEADER + "\n" + GOOD_ROW + "\nc2," + cell + ",2,3.5,2024-01-06\n");

        assertRowsAddUp(run);
        assertEquals(1, run.table().rows());
        assertEquals(RejectReason.NOT_A_NUMBER, only(run).reason());
        assertEquals(3, only(run).sourceLine());
        assertTrue(only(run).detail().startsWith("total_spent "), only(run).detail());
    }

    @Test
    void quarantinesHexFloats() {
        SegmentationRun run = read(HEADER + "\nc1,10,1,0x1p3,2024-01-05\n");

        assertRowsAddUp(run);
        assertEquals(0, run.table().rows());
        assertEquals(RejectReason.NOT_A_NUMBER, only(run).reason());
        assertTrue(only(run).detail().startsWith("avg_session_time "), only(run).detail());
    }

    @ParameterizedTest(name = "[{0}] = {1}")
    @CsvSource({"12,12", "12.5,12.5", "-3,-3", "+4,4", ".5,0.5", "1e3,1000", "' 7 ',7", "1.,1", "2.5E-1,0.25"})
    void parsesPlainDecimals(String cell, double expected) {
        SegmentationRun run = read(HEADER + "\nc1," + cell + ",1,2.5,2024-01-05\n");

        assertRowsAddUp(run);
        assertEquals(0, run.quarantine().size());
        assertEquals(expected, run.table().value("total_spent", 0));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "  ", "NA", "N/A", "NULL", "null", " na "})
    void readsMissingTokensAsNaNWithoutQuarantining(String cell) {
        SegmentationRun run = read(HEADER + "\nc1," + cell + ",1," + cell + "," + cell + "\n");

        assertRowsAddUp(run);
        assertEquals(0, run.quarantine().size());
        assertTrue(Double.isNaN(run.table().value("total_spent", 0)));
        assertTrue(Double.isNaN(run.table().value("avg_session_time", 0)));
        assertTrue(Double.isNaN(run.table().value("last_purchase_date", 0)));
        assertEquals(1.0, run.table().value("purchase_count", 0), "missing is never 0");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "03/04/2024", "2024-2-3", "2024-13-01", "20240203",
            "2024-02-03T10:00"})
    void quarantinesDatesOutsideTheDeclaredFormat(String cell) {
        SegmentationRun run = read(HEADER + "\n" + GOOD_ROW + "\nc2,20,2,3.5," + cell + "\n");

        assertRowsAddUp(run);
        assertEquals(1, run.table().rows());
        assertEquals(RejectReason.INVALID_DATE, only(run).reason());
        assertTrue(only(run).detail().contains("last_purchase_date"), only(run).detail());
    }

    @Test
    void readsLeapDayStrictly() {
        SegmentationRun run = read(HEADER + "\nc1,10,1,2.5,2024-02-29\n");

        assertRowsAddUp(run);
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), run.table().value("last_purchase_date", 0));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x01, 0x1B, 0x7F, 0x85, 0x9F})
    void quarantinesControlCharacters(int control) {
        SegmentationRun run = read(HEADER + "\n" + GOOD_ROW + "\nc" + (char) control + "2,20,2,3.5,2024-01-06\n");

        assertRowsAddUp(run);
        assertEquals(1, run.table().rows());
        assertEquals(RejectReason.CONTROL_CHARACTERS, only(run).reason());
        assertEquals(3, only(run).sourceLine());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "   ", "\"\"", "\" \""})
    void quarantinesRowsWithoutCustomerId(String id) {
        SegmentationRun run = read(HEADER + "\n" + GOOD_ROW + "\n" + id + ",20,2,3.5,2024-01-06\n");

        assertRowsAddUp(run);
        assertEquals(RejectReason.MISSING_CUSTOMER_ID, only(run).reason());
        assertEquals(3, only(run).sourceLine());
    }

    @Test
    void keepsIdsAsTrimmedStrings() {
        SegmentationRun run = read(HEADER + "\n 007 ,10,1,2.5,2024-01-05\n\"  0042\",10,1,2.5,2024-01-05\n"
                + "1e3,10,1,2.5,2024-01-05\n");

        assertRowsAddUp(run);
        assertEquals(List.of("007", "0042", "1e3"), run.table().customerIds().toList());
    }

    // ------------------------------------------------------------------ the run

    @Test
    void recordsSha256OfTheBytesAsRead() throws Exception {
        byte[] bytes = concat(bom(), utf8(HEADER + "\r\n" + GOOD_ROW + "\r\n\r\n"));

        SegmentationRun run = read(bytes);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertRowsAddUp(run);
        assertEquals(expected, run.request().sha256());
        assertEquals("20240601-101530-" + expected.substring(0, 8), run.request().runId());
        assertEquals(NOW, run.request().startedAt());
        assertEquals("in.csv", run.request().inputName());
    }

    @Test
    void hashesBytesBeyondABufferfulOfRows() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 5000; i++) {
            csv.append("c").append(i).append(",").append(i).append(",1,2.5,2024-01-05\n");
        }
        byte[] bytes = utf8(csv.toString());

        SegmentationRun run = read(bytes);

        assertRowsAddUp(run);
        assertEquals(5000, run.table().rows());
        assertEquals(4999.0, run.table().value("total_spent", 4999));
        assertEquals(5001, run.table().sourceLine(4999));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), run.request().sha256());
    }

    @Test
    void countsEveryRowAsLoadedOrQuarantined() {
        SegmentationRun run = read(HEADER + "\n" + GOOD_ROW + "\nc2,abc,1,1,2024-01-01\nc3,1,1,1,2024-02-30\n"
                + ",1,1,1,2024-01-01\nc5,1,1\nc6,NA,1,1,2024-01-01\n");

        assertRowsAddUp(run);
        assertEquals(6, run.rowsRead());
        assertEquals(List.of("c1", "c6"), run.table().customerIds().toList());
        assertEquals(List.of(RejectReason.NOT_A_NUMBER, RejectReason.INVALID_DATE, RejectReason.MISSING_CUSTOMER_ID,
                RejectReason.WRONG_FIELD_COUNT), run.quarantine().rows().stream().map(RejectedRow::reason).toList());
        assertEquals(List.of(3L, 4L, 5L, 6L), run.quarantine().rows().stream().map(RejectedRow::sourceLine).toList());
    }

    // ------------------------------------------------------------------ helpers

    static InputSchema schema(char delimiter, int maxLineLength) {
        return new InputSchema("customer_id", List.of("total_spent", "purchase_count", "avg_session_time"),
                List.of("last_purchase_date"), "yyyy-MM-dd", delimiter, Set.of("NA", "N/A", "NULL"), maxLineLength);
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static SegmentationRun read(String csv) {
        return read(utf8(csv));
    }

    static SegmentationRun read(byte[] bytes) {
        return new CsvCustomerReader(schema(',', 65536), clock()).read(new ByteArrayInputStream(bytes), "in.csv", null);
    }

    private static InputRejectedException rejected(String csv) {
        return rejected(utf8(csv));
    }

    private static InputRejectedException rejected(byte[] bytes) {
        return assertThrows(InputRejectedException.class, () -> read(bytes));
    }

    private static void assertRowsAddUp(SegmentationRun run) {
        assertEquals(run.rowsRead(), run.table().rows() + run.quarantine().size(), "rows read = loaded + quarantined");
    }

    private static RejectedRow only(SegmentationRun run) {
        assertEquals(1, run.quarantine().size(), () -> "quarantine: " + run.quarantine().rows());
        return run.quarantine().rows().get(0);
    }

    private static long[] lines(SegmentationRun run) {
        long[] lines = new long[run.table().rows()];
        for (int i = 0; i < lines.length; i++) lines[i] = run.table().sourceLine(i);
        return lines;
    }

    private static String eol(String code) {
        return code.replace("r", "\r").replace("n", "\n");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bom() {
        return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** A prefix, then the same byte for ever; counts what was served. */
    private static final class CountingEndlessStream extends InputStream {
        private final byte[] prefix;
        private final byte filler;
        long served;

        CountingEndlessStream(byte[] prefix, byte filler) {
            this.prefix = prefix;
            this.filler = filler;
        }

        @Override
        public int read() {
            int b = served < prefix.length ? prefix[(int) served] & 0xFF : filler;
            served++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) b[off + i] = (byte) read();
            return len;
        }
    }
}
