package io.segmentflow.clean;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Quarantine;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.RunRequest;
import io.segmentflow.model.SegmentationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomerCleanerTest {
    private static final double NA = Double.NaN;
    private static final double JAN_1 = LocalDate.of(2024, 1, 1).toEpochDay();

    @Test
    void quarantinesNegativeValuesNamingTheColumn() {
        SegmentationRun run = ingested(table(ids("a", "b", "c", "d"),
                new double[] {10, -3, 5, 7}, new double[] {1, 2, -2.5, 4}, new double[] {1, 1, 1, -9}, dates(4)));

        SegmentationRun cleaned = cleaner("median", "keep-first", 0.9).clean(run);

        assertRowsAddUp(cleaned);
        assertEquals(List.of("a", "d"), cleaned.table().customerIds().toList(), "avg_session_time may be negative here");
        assertEquals(List.of(new RejectedRow(3, "b", RejectReason.NEGATIVE_VALUE, "total_spent is negative (-3)", "b,-3,2,1,2024-01-02"),
                new RejectedRow(4, "c", RejectReason.NEGATIVE_VALUE, "purchase_count is negative (-2.5)", "c,5,-2.5,1,2024-01-03")),
                cleaned.quarantine().rows());
    }

    @Test
    void keepsFirstOfDuplicateIdsAndCitesItsLine() {
        SegmentationRun run = ingested(table(ids("a", "b", "a", "a"), ones(4), ones(4), ones(4), dates(4)));

        SegmentationRun cleaned = cleaner("median", "keep-first", 0.9).clean(run);

        assertRowsAddUp(cleaned);
        assertArrayEquals(new long[] {2, 3}, lines(cleaned.table()));
        assertEquals(List.of(4L, 5L), cleaned.quarantine().rows().stream().map(RejectedRow::sourceLine).toList());
        for (RejectedRow r : cleaned.quarantine().rows()) {
            assertEquals(RejectReason.DUPLICATE_CUSTOMER_ID, r.reason());
            assertEquals("a", r.customerId());
            assertTrue(r.detail().contains("on line 2"), r.detail());
        }
    }

    @Test
    void rejectsFileWithDuplicateIdsUnderRejectFilePolicy() {
        SegmentationRun run = ingested(table(ids("a", "b", "a"), ones(3), ones(3), ones(3), dates(3)));

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> cleaner("median", "reject-file", 0.9).clean(run));

        assertTrue(e.getMessage().contains("'a' appears on line 2 and again on line 4"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "median; 1 NA 3 10; 3",
            "median; 1 2 NA 10 20; 6",
            "median; NA 4 NA 1; 2.5",
            "mean; 1 NA 2 6; 3",
            "mean; 1 2 NA NA; 1.5"})
    void fillsMissingNumbersWithTheConfiguredStatistic(String strategy, String column, double expected) {
        double[] spent = parse(column);
        int n = spent.length;
        SegmentationRun run = ingested(table(ids(n), spent, ones(n), ones(n), dates(n)));

        SegmentationRun cleaned = cleaner(strategy, "keep-first", 0.9).clean(run);

        assertRowsAddUp(cleaned);
        long missing = java.util.Arrays.stream(spent).filter(Double::isNaN).count();
        assertEquals(strategy, cleaned.imputation().strategy());
        assertEquals((int) missing, cleaned.imputation().filled().get("total_spent"));
        assertEquals(0, cleaned.imputation().filled().get("purchase_count"));
        assertFalse(cleaned.imputation().values().containsKey("purchase_count"), "a complete column needs no fill value");
        assertEquals(expected, cleaned.imputation().values().get("total_spent"), 1e-12);
        double[] filled = cleaned.table().numericColumn("total_spent");
        for (int i = 0; i < n; i++) {
            assertEquals(Double.isNaN(spent[i]) ? expected : spent[i], filled[i], 1e-12, "row " + i);
        }
    }

    @ParameterizedTest(name = "{0} of {1} -> {2}")
    @CsvSource({"median, 0 1 NA 2 3, 2024-01-03", "mean, 0 1 NA 1 1, 2024-01-02"})
    void fillsMissingDatesWithAWholeDay(String strategy, String daysAfterJan1, LocalDate expected) {
        // median 1.5 and mean 0.75 days after 1 Jan: both must become a whole day
        double[] dates = parse(daysAfterJan1);
        for (int i = 0; i < dates.length; i++) dates[i] += JAN_1;
        SegmentationRun run = ingested(table(ids(5), ones(5), ones(5), ones(5), dates));

        SegmentationRun cleaned = cleaner(strategy, "keep-first", 0.9).clean(run);

        assertRowsAddUp(cleaned);
        double fill = cleaned.imputation().values().get("last_purchase_date");
        assertEquals(expected.toEpochDay(), fill);
        assertEquals(expected.toEpochDay(), cleaned.table().value("last_purchase_date", 2));
        assertEquals(1, cleaned.imputation().filled().get("last_purchase_date"));
    }

    @Test
    void rejectsColumnWithoutAnyValue() {
        SegmentationRun run = ingested(table(ids(3), ones(3), ones(3), new double[] {NA, NA, NA}, dates(3)));

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> cleaner("median", "keep-first", 0.9).clean(run));

        assertEquals("column 'avg_session_time' has no values", e.getMessage());
    }

    @Test
    void rejectsFileWhenUnusableRowsExceedTheShareCountingIngestQuarantine() {
        double[] spent = ones(19);
        spent[4] = -1;
        Quarantine fromIngest = new Quarantine(List.of(
                new RejectedRow(21, "x", RejectReason.NOT_A_NUMBER, "total_spent is not a number ('abc')", "")));
        SegmentationRun run = ingested(table(ids(19), spent, ones(19), ones(19), dates(19)), fromIngest, 20);

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> cleaner("median", "keep-first", 0.05).clean(run));

        assertTrue(e.getMessage().startsWith("2 of 20 rows (10%) cannot be used"), e.getMessage());
        assertTrue(e.getMessage().contains("line 6: total_spent is negative (-1)"), e.getMessage());
    }

    @Test
    void acceptsUnusableRowsUpToTheShare() {
        double[] spent = ones(20);
        spent[4] = -1;
        SegmentationRun run = ingested(table(ids(20), spent, ones(20), ones(20), dates(20)));

        SegmentationRun cleaned = cleaner("median", "keep-first", 0.05).clean(run);

        assertRowsAddUp(cleaned);
        assertEquals(19, cleaned.rowsLoaded());
        assertEquals(1, cleaned.quarantine().size());
    }

    @Test
    void rejectsFileWhereNoRowCanBeUsed() {
        SegmentationRun run = ingested(table(ids(2), new double[] {-1, -2}, ones(2), ones(2), dates(2)));

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> cleaner("median", "keep-first", 1.0).clean(run));

        assertTrue(e.getMessage().startsWith("no row can be used"), e.getMessage());
    }

    @Test
    void keepsRowsReadEqualToLoadedPlusQuarantinedAcrossIngestAndClean() {
        Quarantine fromIngest = new Quarantine(List.of(
                new RejectedRow(3, "", RejectReason.MISSING_CUSTOMER_ID, "no customer_id", ""),
                new RejectedRow(9, "z", RejectReason.WRONG_FIELD_COUNT, "expected 5 fields, found 4", "")));
        CustomerTable table = new CustomerTable(ids("a", "b", "a", "c", "d", "e"), new long[] {2, 4, 5, 6, 7, 8},
                numeric(new double[] {1, 2, 3, -4, NA, 6}, ones(6), ones(6)), Map.of("last_purchase_date", dates(6)));
        SegmentationRun run = ingested(table, fromIngest, 8);

        SegmentationRun cleaned = cleaner("median", "keep-first", 0.9).clean(run);

        assertRowsAddUp(cleaned);
        assertEquals(8, cleaned.rowsRead());
        assertEquals(List.of("a", "b", "d", "e"), cleaned.table().customerIds().toList());
        assertEquals(List.of(3L, 5L, 6L, 9L), cleaned.quarantine().rows().stream().map(RejectedRow::sourceLine).toList(),
                "quarantine stays in source order");
        assertEquals(2.0, cleaned.table().value("total_spent", 2), "median of 1, 2, 6");
    }

    @Test
    void leavesTheIncomingRunUnchanged() {
        CustomerTable table = table(ids("a", "b", "a"), new double[] {1, NA, 3}, ones(3), ones(3), dates(3));
        CustomerTable copy = table.select(new int[] {0, 1, 2});
        SegmentationRun run = ingested(table);

        cleaner("median", "keep-first", 0.9).clean(run);

        assertEquals(copy, run.table());
        assertEquals(0, run.quarantine().size());
    }

    // ------------------------------------------------------------------ helpers

    private static CustomerCleaner cleaner(String imputation, String duplicates, double maxShare) {
        return new CustomerCleaner(new CleaningSettings(imputation, List.of("total_spent", "purchase_count"), duplicates,
                maxShare));
    }

    /** Rows start on line 2, one line each, as read from a file with a header. */
    private static CustomerTable table(String[] ids, double[] spent, double[] count, double[] session, double[] dates) {
        long[] lines = new long[ids.length];
        for (int i = 0; i < lines.length; i++) lines[i] = i + 2;
        return new CustomerTable(ids, lines, numeric(spent, count, session), Map.of("last_purchase_date", dates));
    }

    private static Map<String, double[]> numeric(double[] spent, double[] count, double[] session) {
        Map<String, double[]> numeric = new LinkedHashMap<>();
        numeric.put("total_spent", spent);
        numeric.put("purchase_count", count);
        numeric.put("avg_session_time", session);
        return numeric;
    }

    private static SegmentationRun ingested(CustomerTable table) {
        return ingested(table, Quarantine.EMPTY, table.rows());
    }

    private static SegmentationRun ingested(CustomerTable table, Quarantine quarantine, long rowsRead) {
        RunRequest request = new RunRequest("run-1", "in.csv", "0".repeat(64), Instant.parse("2024-06-01T00:00:00Z"), null);
        return SegmentationRun.ingested(request, rowsRead, table, quarantine, List.of(), 0);
    }

    private static void assertRowsAddUp(SegmentationRun run) {
        assertEquals(run.rowsRead(), run.rowsLoaded() + run.quarantine().size(), "rows read = loaded + quarantined");
    }

    private static String[] ids(String... ids) {
        return ids;
    }

    private static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = "c" + i;
        return ids;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    private static double[] dates(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = JAN_1 + i;
        return v;
    }

    private static double[] parse(String spaced) {
        return java.util.Arrays.stream(spaced.trim().split(" +"))
                .mapToDouble(s -> s.equals("NA") ? NA : Double.parseDouble(s)).toArray();
    }

    private static long[] lines(CustomerTable table) {
        long[] lines = new long[table.rows()];
        for (int i = 0; i < lines.length; i++) lines[i] = table.sourceLine(i);
        return lines;
    }
}
