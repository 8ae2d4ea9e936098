package io.segmentflow.ingest;

import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.SegmentationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte-level fast path claims to read every file exactly as commons-csv alone does: the same
 * table, the same quarantined rows (lines, reasons, raw text), the same hash, the same rejection
 * messages. Each case is read both ways and compared.
 */
class PlainFastPathTest {
    private static final String HEADER = "customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date";
    private static final String PLAIN = "c1,10,1,2.5,2024-01-05\nc2,20.25,3,0.5,2024-02-29\n";

    /** What one read ends in: the run's observable content, or the rejection message. */
    private record Outcome(String rejection, String table, List<?> quarantine, long rowsRead, List<String> warnings,
                           String sha256) {
        static Outcome of(InputSchema schema, byte[] bytes, boolean fast) {
            try {
                SegmentationRun run = new CsvCustomerReader(schema, CsvCustomerReaderTest.clock(), fast)
                        .read(new ByteArrayInputStream(bytes), "in.csv", null);
                StringBuilder table = new StringBuilder();
                var t = run.table();
                for (int i = 0; i < t.rows(); i++) {
                    table.append(t.sourceLine(i)).append('|').append(t.customerId(i));
                    for (String c : t.numericNames()) table.append('|').append(Double.doubleToRawLongBits(t.value(c, i)));
                    for (String c : t.dateNames()) table.append('|').append(Double.doubleToRawLongBits(t.value(c, i)));
                    table.append('\n');
                }
                return new Outcome(null, table.toString(), run.quarantine().rows(), run.rowsRead(), run.warnings(),
                        run.request().sha256());
            } catch (InputRejectedException e) {
                return new Outcome(e.getMessage(), null, null, 0, null, null);
            }
        }
    }

    private static void assertSameBothWays(InputSchema schema, byte[] bytes) {
        Outcome slow = Outcome.of(schema, bytes, false);
        Outcome fast = Outcome.of(schema, bytes, true);
        assertEquals(slow, fast);
    }

    private static void assertSameBothWays(String csv) {
        assertSameBothWays(CsvCustomerReaderTest.schema(',', 65536), csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsGeneratedCustomersWithEveryKindOfBrokenRowIdentically() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new DemoCustomerGenerator(5).write(w, 30_000, 4);
        }
        Outcome fast = Outcome.of(CsvCustomerReaderTest.schema(',', 65536), bytes.toByteArray(), true);
        assertTrue(fast.quarantine().size() > 10, "the generator breaks about 0.1% of rows");
        assertSameBothWays(CsvCustomerReaderTest.schema(',', 65536), bytes.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "c3,5,1,1,2024-03-01", "c3,,,,", "c3,NA,n/a,Null,NA", " c3 , 5 ,\t1\t, 1 , 2024-03-01 ",
            "c3,-0,0,0.0,2024-03-01", "c3,+5,1,.5,2024-03-01", "c3,5.,007,0012.50,2024-03-01",
            "c3,1e3,1,1,2024-03-01", "c3,1E-3,1,1,2024-03-01", "c3,1e999,1,1,2024-03-01",
            "c3,1234567890123456789,1,1,2024-03-01", "c3,0.1234567890123456,1,1,2024-03-01",
            "c3,999999999999999,1,1,2024-03-01", "c3,abc,1,1,2024-03-01", "c3,1,234.5,1,1,2024-03-01",
            "c3,12,5,1,1", "c3,NaN,1,1,2024-03-01", "c3,Infinity,1,1,2024-03-01", "c3,0x1p3,1,1,2024-03-01",
            "c3,12d,1,1,2024-03-01", "c3,.,1,1,2024-03-01", "c3,-,1,1,2024-03-01", "c3,+,1,1,2024-03-01",
            "c3,5,1,1,2024-02-30", "c3,5,1,1,2023-02-29", "c3,5,1,1,0000-01-01", "c3,5,1,1,2024-1-05",
            "c3,5,1,1,03/04/2024", "c3,5,1,1,2024-13-01", "c3,5,1,1,2024-00-10", "c3,5,1,1,2024-01-00",
            "c3,5,1,1,12024-01-01", "c3,5,1,1,2024-01-05x", ",5,1,1,2024-03-01", "NULL,5,1,1,2024-03-01",
            "  ,5,1,1,2024-03-01", "=HYPERLINK(x),5,1,1,2024-03-01", "c3,5,1", "c3,5,1,1,2024-03-01,extra", "   ",
            "c3,-5,1,1,2024-03-01", "c1,10,1,2.5,2024-01-05"})
    void readsEachKindOfRowIdenticallyAfterPlainRows(String row) {
        assertSameBothWays(HEADER + "\n" + PLAIN + row + "\n" + PLAIN.replace("c1", "c8").replace("c2", "c9"));
        assertSameBothWays(HEADER + "\n" + PLAIN + row); // last line without a line break
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"c3\",5,1,1,2024-03-01", "c3,\"5\",1,1,2024-03-01", "\"c,3\",5,1,1,2024-03-01",
            "\"c3\n\",5,1,1,2024-03-01", "c3,5,1,1,2024-03-01\r", "\r", "", "c3\u0001,5,1,1,2024-03-01",
            "c3\u007f,5,1,1,2024-03-01", "c\u00e9,5,1,1,2024-03-01", "\"unterminated,5,1,1,2024-03-01",
            "c3,5,1,1,2024-03-01\rc4,5,1,1,2024-03-01"})
    void handsUnusualLinesToTheFullParserWithTheRightLineNumbers(String row) {
        assertSameBothWays(HEADER + "\n" + PLAIN + row + "\n" + PLAIN.replace("c1", "c8").replace("c2", "c9"));
        assertSameBothWays(HEADER + "\n\n" + PLAIN + PLAIN.replace("c", "d") + row + "\n\n\nc7,1,1,1,2024-01-01\n");
    }

    @Test
    void rejectsInvalidUtf8AfterPlainRowsNamingTheSameLineAndByte() {
        byte[] head = (HEADER + "\n" + PLAIN + PLAIN.replace("c", "d")).getBytes(StandardCharsets.UTF_8);
        byte[] tail = "e1,5,1,1,2024-03-01\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, head.length, tail.length);
        bytes[head.length + 1] = (byte) 0xE9; // Windows-1252 é
        assertSameBothWays(CsvCustomerReaderTest.schema(',', 65536), bytes);
        assertTrue(Outcome.of(CsvCustomerReaderTest.schema(',', 65536), bytes, true).rejection().contains("line 6"));
    }

    @Test
    void rejectsAnOverlongLineAfterPlainRowsAsTheFullParserDoes() {
        assertSameBothWays(CsvCustomerReaderTest.schema(',', 1024),
                (HEADER + "\n" + PLAIN + "c3," + "9".repeat(2000) + ",1,1,2024-03-01\n" + PLAIN).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesAtTheLimitAndOneOverReadAsTheFullParserReadsThem() {
        for (int extra = -1; extra <= 1; extra++) {
            String base = "c3,1,1,1,2024-03-01";
            String row = "c3," + "9".repeat(1024 - base.length() + extra + 1) + ",1,1,2024-03-01"; // 1024 + extra characters
            for (String ending : List.of("\n" + PLAIN, "")) { // in the middle, and last without a line break
                assertSameBothWays(CsvCustomerReaderTest.schema(',', 1024),
                        (HEADER + "\n" + PLAIN + row + ending).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void readsHeaderProblemsAndEmptyFilesIdentically() {
        assertSameBothWays("");
        assertSameBothWays(HEADER);
        assertSameBothWays(HEADER + "\n");
        assertSameBothWays(HEADER + "\n\n\n");
        assertSameBothWays("id,spend,count\n1,2,3\n");
        assertSameBothWays("customer_id;total_spent;purchase_count;avg_session_time;last_purchase_date\nc1;1;1;1;2024-01-01\n");
        assertSameBothWays(HEADER + ",customer_id\n" + PLAIN);
        assertSameBothWays(HEADER + ",notes,other\n" + "c1,10,1,2.5,2024-01-05,x,y\n");
        assertSameBothWays("\uFEFF" + HEADER + "\n" + PLAIN);
    }

    @Test
    void honoursMissingValueTokensThatLookLikeNumbersOrDates() {
        InputSchema schema = new InputSchema("customer_id", List.of("total_spent", "purchase_count", "avg_session_time"),
                List.of("last_purchase_date"), "yyyy-MM-dd", ',', Set.of("-1", "1900-01-01", "NA"), 65536);
        byte[] bytes = (HEADER + "\n" + PLAIN + "c3,-1,1,1,1900-01-01\nc4,5,-1,1,2024-01-01\n").getBytes(StandardCharsets.UTF_8);
        assertSameBothWays(schema, bytes);
        assertTrue(Outcome.of(schema, bytes, true).table().contains("|c3|" + Double.doubleToRawLongBits(Double.NaN)));
    }

    @Test
    void readsOtherDelimitersAndDateFormatsIdentically() {
        InputSchema tabs = new InputSchema("customer_id", List.of("total_spent", "purchase_count", "avg_session_time"),
                List.of("last_purchase_date"), "dd.MM.yyyy", '\t', Set.of("NA"), 65536);
        assertSameBothWays(tabs, (HEADER.replace(',', '\t') + "\nc1\t1\t2\t3\t05.01.2024\nc2\t1\t2\t3\t2024-01-05\nc3\t 1 \t2\t3\t30.02.2024\n")
                .getBytes(StandardCharsets.UTF_8));
        InputSchema pipes = new InputSchema("customer_id", List.of("total_spent", "purchase_count", "avg_session_time"),
                List.of("last_purchase_date"), "yyyy-MM-dd", '|', Set.of("NA"), 65536);
        assertSameBothWays(pipes, (HEADER.replace(',', '|') + "\nc1|1|2|3|2024-01-05\nc2|1,5|2|3|2024-01-05\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
