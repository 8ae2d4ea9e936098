package io.segmentflow;

import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentationRun;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input table of reliability.md section 4 (the cases about one file), through the same
 * route the segment command and the inbox use. RF = the whole file is rejected with a reason;
 * QR = the row is quarantined with a reason and the rest is used; OK = accepted.
 */
class BadInputCorpusTest {
    private static final String HEADER = "customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n";

    @TempDir
    static Path dir;
    private static Launcher launcher;

    @BeforeAll
    static void start() throws Exception {
        launcher = Launcher.start(Map.of("segmentation.inbox.enabled", "false",
                "segmentation.output.dir", dir.resolve("out").toString(), "segmentation.cluster.restarts", "1"));
    }

    @AfterAll
    static void stop() {
        launcher.close();
    }

    static Stream<Arguments> rejectedFiles() {
        return Stream.of(
                Arguments.of("1 empty file", bytes(""), "the file is empty"),
                Arguments.of("1 only a BOM", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "the file is empty"),
                Arguments.of("2 header only", bytes(HEADER), "the file has a header but no data rows"),
                Arguments.of("3 wrong delimiter", bytes(HEADER.replace(',', ';') + "C1;1;2;3;2025-01-01\n"), "looks ';'-separated"),
                Arguments.of("6 unterminated quote", bytes(HEADER + good(80) + "\"C9,1,2,3,2025-01-01\n" + good(5)), "not valid CSV"),
                Arguments.of("7 Windows-1252 bytes", (HEADER + "Caf\u00e9,1,2,3,2025-01-01\n").getBytes(Charset.forName("windows-1252")),
                        "not UTF-8 text: invalid bytes on line 2"),
                Arguments.of("8 missing column", bytes("customer_id,total_spent,purchase_count,last_purchase_date\nC1,1,2,2025-01-01\n"),
                        "column 'avg_session_time' is missing; found: customer_id, total_spent, purchase_count, last_purchase_date"),
                Arguments.of("9 duplicate header", bytes(HEADER.trim() + ",total_spent\n" + "C1,1,2,3,2025-01-01,4\n"),
                        "column 'total_spent' appears twice"),
                Arguments.of("18 a 10 MB line", bytes(HEADER + "C1," + "9".repeat(10_000_000) + ",2,3,2025-01-01\n"),
                        "line 2 is longer than 65536 characters"),
                Arguments.of("23 fewer distinct customers than k", bytes(HEADER + "A,1,1,1,2025-01-01\nB,1,1,1,2025-01-01\nC,2,2,2,2025-01-02\n"),
                        "only 2 distinct customers after cleaning, fewer than the 4 segments"),
                Arguments.of("over 5% unusable rows", bytes(HEADER + good(50) + "X1,abc,1,1,2025-01-01\n".repeat(10)),
                        "10 of 60 rows (17%) cannot be used"),
                Arguments.of("not a CSV at all (a PNG)", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13},
                        "not UTF-8 text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedFiles")
    void rejectsTheWholeFileWithAReason(String name, byte[] content, String reason) throws IOException {
        Exchange result = send(name, content);
        Exception e = result.getException();
        assertNotNull(e, name + " should be rejected");
        Throwable cause = e;
        while (!(cause instanceof InputRejectedException) && cause.getCause() != null) cause = cause.getCause();
        assertInstanceOf(InputRejectedException.class, cause, "not a rejection: " + e);
        assertTrue(cause.getMessage().contains(reason), "'" + cause.getMessage() + "' should say '" + reason + "'");
        assertTrue(cause.getMessage().lines().count() == 1, "one line");
    }

    static Stream<Arguments> quarantinedRows() {
        return Stream.of(
                Arguments.of("10 too few fields", "C900,1,2\n", "wrong-field-count"),
                Arguments.of("10 too many fields", "C900,1,2,3,2025-01-01,extra\n", "wrong-field-count"),
                Arguments.of("11 text", "C900,abc,2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("11 thousands separator", "C900,\"1,234.5\",2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("11 decimal comma", "C900,\"12,5\",2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("11 currency", "C900,EUR 12,2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("12 NaN", "C900,NaN,2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("12 Infinity", "C900,Infinity,2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("12 1e999", "C900,1e999,2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("12 hex float", "C900,0x1p3,2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("12 type suffix", "C900,12d,2,3,2025-01-01\n", "not-a-number"),
                Arguments.of("13 negative amount", "C900,-5,2,3,2025-01-01\n", "negative-value"),
                Arguments.of("13 negative count", "C900,5,-2,3,2025-01-01\n", "negative-value"),
                Arguments.of("14 impossible date", "C900,5,2,3,2024-02-30\n", "invalid-date"),
                Arguments.of("14 other date format", "C900,5,2,3,03/04/2024\n", "invalid-date"),
                Arguments.of("15 duplicate id", "C001,5,2,3,2025-01-01\n", "duplicate-customer-id"),
                Arguments.of("17 no id", ",5,2,3,2025-01-01\n", "missing-customer-id"),
                Arguments.of("17 NULL as id", "NULL,5,2,3,2025-01-01\n", "missing-customer-id"),
                Arguments.of("19 NUL character", "C900,5,2\u0000,3,2025-01-01\n", "control-characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quarantinedRows")
    void quarantinesTheRowAndUsesTheRest(String name, String badRow, String reason) throws IOException {
        int goodRows = 60;
        SegmentationRun run = accepted(send(name, bytes(HEADER + good(goodRows) + badRow)));
        assertEquals(goodRows + 1, run.rowsRead());
        assertEquals(goodRows, run.rowsLoaded());
        RejectedRow rejected = run.quarantine().rows().get(0);
        assertEquals(reason, rejected.reason().key());
        assertEquals(goodRows + 2, rejected.sourceLine(), "the line of the bad row, counting the header as line 1");
        assertTrue(!rejected.raw().isEmpty(), "rejects.csv shows the row itself");
        String rejects = Files.readString(run.outputDir().resolve("rejects.csv"));
        assertTrue(rejects.contains(reason), rejects);
        if (reason.equals("duplicate-customer-id")) {
            assertTrue(rejected.detail().contains("line 2"), "cites the first occurrence: " + rejected.detail());
        }
    }

    @Test
    void acceptsABomQuotedFieldsMixedLineEndsAndKeepsIdsAsText() throws IOException {
        String body = "\uFEFF" + HEADER.replace("customer_id", "Customer_ID ")
                + "\"007\",\"1,5\"\"\",2,3,2025-01-01\n".replace("\"1,5\"\"\"", "15")
                + "\"Smith, \"\"Jr\"\"\nsecond line\",10,2,3,2025-01-02\r\n"
                + "  042  ,11,3,4,2025-01-03\r"
                + good(60);
        SegmentationRun run = accepted(send("4-5-16-19 accepted", bytes(body)));
        assertEquals(63, run.rowsRead());
        assertEquals(63, run.rowsLoaded());
        List<String> ids = run.features().customerIds().toList();
        assertTrue(ids.contains("007"), "leading zeros kept");
        assertTrue(ids.contains("042"), "spaces trimmed, zeros kept");
        assertTrue(ids.contains("Smith, \"Jr\"\nsecond line"), "quoted comma, quote and newline kept");
    }

    @Test
    void fillsBlankNullAndNaTokensInsteadOfQuarantining() throws IOException {
        SegmentationRun run = accepted(send("17 missing tokens", bytes(HEADER + good(60)
                + "M1,,2,3,2025-01-01\nM2,NULL,2,3,2025-01-01\nM3,5,N/A,3,2025-01-01\nM4,5,2,NA,\n")));
        assertEquals(64, run.rowsLoaded());
        assertEquals(0, run.quarantine().size());
        assertEquals(2, run.imputation().filled().get("total_spent"));
        assertEquals(1, run.imputation().filled().get("last_purchase_date"));
    }

    @Test
    void acceptsExtraColumnsWithAWarningAndNeutralisesFormulasOnExport() throws IOException {
        SegmentationRun run = accepted(send("9 extra + 20 formula", bytes(HEADER.trim() + ",Notes\n"
                + good(60).replace("\n", ",note\n") + "=HYPERLINK(\"http://x\"),5,2,3,2025-01-01,n\n")));
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("Notes")), run.warnings().toString());
        String assignments = Files.readString(run.outputDir().resolve("assignments.csv"));
        assertTrue(assignments.contains("'=HYPERLINK("), "formula neutralised");
        assertTrue(assignments.lines().noneMatch(l -> l.startsWith("=")), "no cell starts a formula");
    }

    @Test
    void acceptsAColumnThatNeverVariesWithAWarning() throws IOException {
        String rows = good(60).replaceAll(",(\\d+),(\\d{4}-)", ",7,$2");
        SegmentationRun run = accepted(send("22 zero variance", bytes(HEADER + rows)));
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("avg_session_time has the same value")), run.warnings().toString());
    }

    @Test
    void neverUsesTheInputNameInOutputPaths() throws IOException {
        SegmentationRun run = accepted(send("../../escape attempt ü.csv", bytes(HEADER + good(60))));
        assertEquals(dir.resolve("out").resolve(run.request().runId()), run.outputDir());
    }

    private Exchange send(String name, byte[] content) throws IOException {
        Path file = dir.resolve("input-" + Math.abs(name.hashCode()) + ".csv");
        Files.write(file, content);
        return launcher.context().createProducerTemplate().request("direct:ingest-file", exchange -> {
            exchange.getMessage().setBody(file.toFile());
            exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
        });
    }

    private static SegmentationRun accepted(Exchange result) {
        if (result.getException() != null) throw new AssertionError("should be accepted", result.getException());
        SegmentationRun run = result.getMessage().getBody(SegmentationRun.class);
        assertEquals(run.rowsRead(), run.rowsLoaded() + run.quarantine().size(), "rows read = loaded + quarantined");
        return run;
    }

    /** n distinct, valid customers C001.. with four loose groups. */
    private static String good(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            int group = i % 4;
            sb.append(String.format("C%03d,%d,%d,%d,2025-0%d-%02d%n", i, 10 + group * 300 + i, 1 + group * 5 + i % 3,
                    5 + group * 4 + i % 2, 1 + group, 1 + i % 28)).setLength(sb.length() - System.lineSeparator().length());
            sb.append('\n');
        }
        return sb.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
