package io.segmentflow.features;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Quarantine;
import io.segmentflow.model.RunRequest;
import io.segmentflow.model.Scaler;
import io.segmentflow.model.ScalingMethod;
import io.segmentflow.model.SegmentationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureScalerTest {

    @Test
    void zscoreUsesPopulationStandardDeviation() {
        double[] x = {2, 4, 4, 4, 5, 5, 7, 9}; // mean 5, population sd 2 (sample sd would be 2.14)

        Scaler scaler = fit(ScalingMethod.ZSCORE, x);

        assertEquals(5.0, scaler.centre(0), 1e-12);
        assertEquals(2.0, scaler.scale(0), 1e-12);
        assertArrayEquals(new double[] {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2}, scaler.apply(matrix(x)).column(0), 1e-12);
    }

    @Test
    void zscoreMatchesAHandComputation() {
        double[] x = {12.5, 80, 3, 41.25, 7};
        double mean = (12.5 + 80 + 3 + 41.25 + 7) / 5;
        double sumSq = 0;
        for (double v : x) sumSq += (v - mean) * (v - mean);
        double sd = Math.sqrt(sumSq / 5);

        FeatureMatrix scaled = fit(ScalingMethod.ZSCORE, x).apply(matrix(x));

        for (int i = 0; i < x.length; i++) {
            assertEquals((x[i] - mean) / sd, scaled.value(i, 0), 1e-12);
        }
        double[] z = scaled.column(0);
        assertEquals(0.0, java.util.Arrays.stream(z).sum(), 1e-12);
        assertEquals(5.0, java.util.Arrays.stream(z).map(v -> v * v).sum(), 1e-12, "population variance of z is 1");
    }

    @Test
    void minmaxMapsToTheUnitInterval() {
        double[] x = {3, 5, 11, 7};

        Scaler scaler = fit(ScalingMethod.MINMAX, x);

        assertEquals(3.0, scaler.centre(0));
        assertEquals(8.0, scaler.scale(0));
        assertArrayEquals(new double[] {0, 0.25, 1, 0.5}, scaler.apply(matrix(x)).column(0), 1e-12);
    }

    @Test
    void log1pZscoreStandardisesTheLogs() {
        double e = Math.E;
        double[] x = {0, e - 1, e * e - 1}; // log1p: 0, 1, 2 -> mean 1, population sd sqrt(2/3)

        Scaler scaler = fit(ScalingMethod.LOG1P_ZSCORE, x);

        assertEquals(1.0, scaler.centre(0), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), scaler.scale(0), 1e-12);
        double z = 1 / Math.sqrt(2.0 / 3);
        assertArrayEquals(new double[] {-z, 0, z}, scaler.apply(matrix(x)).column(0), 1e-12);
    }

    @Test
    void picksMethodPerFeature() {
        FeatureScaler scaler = new FeatureScaler(new ScalingSettings(ScalingMethod.ZSCORE,
                Map.of("total_spent", ScalingMethod.LOG1P_ZSCORE, "recency_days", ScalingMethod.MINMAX)));
        FeatureMatrix m = new FeatureMatrix(new String[] {"a", "b"}, List.of("total_spent", "purchase_count", "recency_days"),
                new double[] {10, 1, 5, 20, 3, 9});

        Scaler fitted = scaler.fit(m, new ArrayList<>());

        assertEquals(List.of(ScalingMethod.LOG1P_ZSCORE, ScalingMethod.ZSCORE, ScalingMethod.MINMAX), fitted.methods());
    }

    @ParameterizedTest
    @EnumSource(ScalingMethod.class)
    void invertUndoesApply(ScalingMethod method) {
        Random random = new Random(20240601L);
        int n = 200;
        double[] values = new double[n * 3];
        for (int i = 0; i < n; i++) {
            values[i * 3] = Math.exp(random.nextGaussian() * 2 + 4);  // skewed money
            values[i * 3 + 1] = random.nextInt(50);                   // counts
            values[i * 3 + 2] = random.nextDouble() * 365;            // days
        }
        FeatureMatrix m = new FeatureMatrix(ids(n), List.of("total_spent", "purchase_count", "recency_days"), values);

        Scaler scaler = new FeatureScaler(new ScalingSettings(method, Map.of())).fit(m, new ArrayList<>());
        FeatureMatrix scaled = scaler.apply(m);

        for (int i = 0; i < n; i++) {
            assertArrayEquals(m.row(i), scaler.invert(scaled.row(i)), 1e-9, "row " + i);
        }
    }

    /** The stage reuses the fit's log1p columns; its scaled matrix is still exactly Scaler.apply's. */
    @Test
    void theStagesScaledMatrixIsScalerApplyToTheBit() {
        Random random = new Random(5);
        int n = 5000;
        double[] values = new double[n * 3];
        for (int i = 0; i < n; i++) {
            values[i * 3] = Math.exp(random.nextGaussian() * 2 + 4);
            values[i * 3 + 1] = random.nextInt(50);
            values[i * 3 + 2] = random.nextDouble() * 365;
        }
        FeatureMatrix m = new FeatureMatrix(ids(n), List.of("total_spent", "purchase_count", "recency_days"), values);
        FeatureScaler scaler = new FeatureScaler(new ScalingSettings(ScalingMethod.ZSCORE,
                Map.of("total_spent", ScalingMethod.LOG1P_ZSCORE, "recency_days", ScalingMethod.MINMAX)));

        SegmentationRun scaled = scaler.scale(withFeatures(m));

        assertArrayEquals(scaled.scaler().apply(m).values(), scaled.scaled().values(), 0.0);
        assertEquals(List.of(ScalingMethod.LOG1P_ZSCORE, ScalingMethod.ZSCORE, ScalingMethod.MINMAX), scaled.scaler().methods());
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"ZSCORE, 5", "ZSCORE, 0.1", "ZSCORE, 19.99", "ZSCORE, 1000000.1", "MINMAX, 0.1", "MINMAX, 19.99",
            "LOG1P_ZSCORE, 0.1", "LOG1P_ZSCORE, 19.99", "LOG1P_ZSCORE, 0"})
    void scalesZeroVarianceFeatureToZeroWithAWarning(ScalingMethod method, double constant) {
        FeatureMatrix m = new FeatureMatrix(ids(7), List.of("total_spent", "purchase_count"),
                new double[] {constant, 1, constant, 2, constant, 3, constant, 4, constant, 5, constant, 6, constant, 7});
        SegmentationRun run = withFeatures(m);

        SegmentationRun scaled = new FeatureScaler(new ScalingSettings(method, Map.of())).scale(run);

        for (int i = 0; i < m.rows(); i++) {
            assertEquals(0.0, scaled.scaled().value(i, 0), 1e-12, "row " + i);
        }
        assertEquals(List.of("feature total_spent has the same value for every customer; it cannot separate segments"),
                scaled.warnings());
        assertEquals(constant, scaled.scaler().invert(0, 0.0), 1e-9);
    }

    @Test
    void rejectsLog1pOfValuesAtOrBelowMinusOne() {
        FeatureMatrix m = new FeatureMatrix(ids(2), List.of("total_spent"), new double[] {10, -1});
        FeatureScaler scaler = new FeatureScaler(new ScalingSettings(ScalingMethod.LOG1P_ZSCORE, Map.of()));

        InputRejectedException e = assertThrows(InputRejectedException.class, () -> scaler.fit(m, new ArrayList<>()));

        assertTrue(e.getMessage().contains("customer c1"), e.getMessage());
    }

    @Test
    void keepsUnscaledFeaturesAndRowCount() {
        double[] x = {1, 2, 3};
        SegmentationRun run = withFeatures(matrix(x));

        SegmentationRun scaled = new FeatureScaler(new ScalingSettings(ScalingMethod.ZSCORE, Map.of())).scale(run);

        assertArrayEquals(x, scaled.features().column(0));
        assertEquals(run.rowsRead(), scaled.rowsLoaded() + scaled.quarantine().size());
        assertEquals(List.of(), scaled.warnings());
    }

    // ------------------------------------------------------------------ helpers

    private static Scaler fit(ScalingMethod method, double[] x) {
        List<String> warnings = new ArrayList<>();
        Scaler scaler = new FeatureScaler(new ScalingSettings(method, Map.of())).fit(matrix(x), warnings);
        assertEquals(List.of(), warnings);
        return scaler;
    }

    private static FeatureMatrix matrix(double[] oneFeature) {
        return new FeatureMatrix(ids(oneFeature.length), List.of("total_spent"), oneFeature);
    }

    private static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = "c" + i;
        return ids;
    }

    private static SegmentationRun withFeatures(FeatureMatrix m) {
        long[] lines = new long[m.rows()];
        for (int i = 0; i < lines.length; i++) lines[i] = i + 2;
        CustomerTable table = new CustomerTable(m.customerIds(), lines, Map.of(), Map.of());
        RunRequest request = new RunRequest("run-1", "in.csv", "0".repeat(64), Instant.parse("2024-03-01T00:00:00Z"), null);
        return SegmentationRun.ingested(request, m.rows(), table, Quarantine.EMPTY, List.of(), 0)
                .withFeatures(null, table, Quarantine.EMPTY, m, 0);
    }
}
