package io.segmentflow.features;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Quarantine;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.RunRequest;
import io.segmentflow.model.SegmentationRun;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureBuilderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final List<String> FEATURES = List.of("total_spent", "purchase_count", "recency_days");

    /** a bought on 1 Jan, b on 11 Jan, c on 6 Jan 2024. */
    private static final SegmentationRun RUN = ingested(table(
            new double[] {100, 250, 40}, new double[] {3, 7, 1},
            LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 11), LocalDate.of(2024, 1, 6)));

    @Test
    void measuresRecencyFromTheNewestDateByDefault() {
        SegmentationRun built = builder(FEATURES, "newest", CLOCK).build(RUN);

        assertEquals(LocalDate.of(2024, 1, 11), built.referenceDate());
        assertArrayEquals(new double[] {10, 0, 5}, built.features().column(2));
        assertRowsAddUp(built);
    }

    @Test
    void measuresRecencyFromAFixedDate() {
        SegmentationRun built = builder(FEATURES, "2024-02-01", CLOCK).build(RUN);

        assertEquals(LocalDate.of(2024, 2, 1), built.referenceDate());
        assertArrayEquals(new double[] {31, 21, 26}, built.features().column(2));
        assertEquals(0, built.quarantine().size());
    }

    @Test
    void measuresRecencyFromTodayOfTheClock() {
        SegmentationRun built = builder(FEATURES, "today", CLOCK).build(RUN);

        assertEquals(LocalDate.of(2024, 3, 1), built.referenceDate());
        assertArrayEquals(new double[] {60, 50, 55}, built.features().column(2), "2024 is a leap year");
    }

    @Test
    void takesTodayInTheClocksZone() {
        Clock lateEveningUtc = Clock.fixed(Instant.parse("2024-03-01T23:30:00Z"), ZoneId.of("Europe/Berlin"));

        SegmentationRun built = builder(FEATURES, "today", lateEveningUtc).build(RUN);

        assertEquals(LocalDate.of(2024, 3, 2), built.referenceDate());
    }

    @Test
    void quarantinesDatesAfterAFixedReferenceAndDropsTheRow() {
        SegmentationRun built = builder(FEATURES, "2024-01-08", CLOCK).build(RUN);

        assertRowsAddUp(built);
        assertEquals(List.of("a", "c"), built.table().customerIds().toList());
        FeatureMatrix m = built.features();
        assertEquals(List.of("a", "c"), m.customerIds().toList());
        assertArrayEquals(new double[] {7, 2}, m.column(2));
        assertArrayEquals(new double[] {100, 40}, m.column(0));
        RejectedRow r = only(built.quarantine());
        assertEquals(RejectReason.DATE_AFTER_REFERENCE, r.reason());
        assertEquals(3, r.sourceLine());
        assertEquals("b", r.customerId());
        assertTrue(r.detail().contains("2024-01-11") && r.detail().contains("2024-01-08"), r.detail());
    }

    @Test
    void keepsRowsDatedOnTheReferenceDay() {
        SegmentationRun built = builder(FEATURES, "2024-01-11", CLOCK).build(RUN);

        assertEquals(3, built.features().rows());
        assertEquals(0.0, built.features().value(1, 2));
    }

    @Test
    void buildsFeaturesInConfiguredOrderFromInputColumns() {
        SegmentationRun built = builder(List.of("purchase_count", " Total_Spent "), "newest", CLOCK).build(RUN);

        assertEquals(List.of("purchase_count", "total_spent"), built.features().featureNames());
        assertArrayEquals(new double[] {7, 250}, built.features().row(1));
        assertEquals(null, built.referenceDate(), "no recency, no reference date");
        assertSame(RUN.table(), built.table());
    }

    @Test
    void rejectsUnknownFeatureName() {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> builder(List.of("total_spent", "lifetime_value"), "newest", CLOCK).build(RUN));

        assertTrue(e.getMessage().contains("'lifetime_value'"), e.getMessage());
        assertTrue(e.getMessage().contains("total_spent, purchase_count"), e.getMessage());
    }

    @Test
    void rejectsDateColumnAsANumericFeature() {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> builder(List.of("last_purchase_date"), "newest", CLOCK).build(RUN));

        assertTrue(e.getMessage().contains("'last_purchase_date'"), e.getMessage());
    }

    @Test
    void rejectsRecencyWithoutItsDateColumn() {
        FeatureSettings settings = new FeatureSettings(FEATURES, "first_purchase_date", "newest");

        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> new FeatureBuilder(settings, CLOCK).build(RUN));

        assertTrue(e.getMessage().contains("'first_purchase_date'"), e.getMessage());
    }

    @Test
    void rejectsReferenceDateThatIsNotIso() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureSettings(FEATURES, "last_purchase_date", "01/02/2024"));
    }

    // ------------------------------------------------------------------ helpers

    private static FeatureBuilder builder(List<String> features, String reference, Clock clock) {
        return new FeatureBuilder(new FeatureSettings(features, "last_purchase_date", reference), clock);
    }

    /** Customers a, b, c on lines 2, 3, 4. */
    private static CustomerTable table(double[] spent, double[] count, LocalDate... lastPurchase) {
        Map<String, double[]> numeric = new LinkedHashMap<>();
        numeric.put("total_spent", spent);
        numeric.put("purchase_count", count);
        double[] days = new double[lastPurchase.length];
        for (int i = 0; i < days.length; i++) days[i] = lastPurchase[i].toEpochDay();
        return new CustomerTable(new String[] {"a", "b", "c"}, new long[] {2, 3, 4}, numeric,
                Map.of("last_purchase_date", days));
    }

    private static SegmentationRun ingested(CustomerTable table) {
        RunRequest request = new RunRequest("run-1", "in.csv", "0".repeat(64), Instant.parse("2024-03-01T00:00:00Z"), null);
        return SegmentationRun.ingested(request, table.rows(), table, Quarantine.EMPTY, List.of(), 0);
    }

    private static void assertRowsAddUp(SegmentationRun run) {
        assertEquals(run.rowsRead(), run.rowsLoaded() + run.quarantine().size(), "rows read = loaded + quarantined");
        assertEquals(run.table().rows(), run.features().rows(), "one feature row per loaded customer");
    }

    private static RejectedRow only(Quarantine q) {
        assertEquals(1, q.size(), () -> "quarantine: " + q.rows());
        return q.rows().get(0);
    }
}
