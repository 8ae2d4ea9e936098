package io.segmentflow.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Selection claims the same value as sorting and taking the middle. */
class MedianTest {
    private static double bySorting(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Test
    void equalsTheMiddleOfTheSortedValuesBitForBit() {
        Random random = new Random(99);
        for (int trial = 0; trial < 3000; trial++) {
            int n = random.nextInt(trial < 2000 ? 80 : 5000);
            double[] values = new double[n];
            int kind = trial % 4;
            for (int i = 0; i < n; i++) {
                values[i] = switch (kind) {
                    case 0 -> random.nextGaussian();
                    case 1 -> random.nextInt(5) - 2; // many ties
                    case 2 -> random.nextBoolean() ? 0.0 : -0.0; // signed zeros
                    default -> i; // already sorted
                };
            }
            double[] copy = values.clone();
            assertEquals(Double.doubleToRawLongBits(bySorting(values)), Double.doubleToRawLongBits(Median.of(values)),
                    () -> "values " + Arrays.toString(copy));
            assertEquals(Arrays.toString(copy), Arrays.toString(values), "the input is left as it was");
        }
    }

    @Test
    void handlesAMillionDescendingValues() {
        double[] values = new double[1_000_000];
        for (int i = 0; i < values.length; i++) values[i] = values.length - i;
        assertEquals(bySorting(values), Median.of(values));
    }

    @Test
    void handlesAMillionValuesOfAFewDistinctCounts() {
        Random random = new Random(7);
        for (int n : new int[] {1_000_000, 999_999}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) values[i] = random.nextInt(40);
            assertEquals(Double.doubleToRawLongBits(bySorting(values)), Double.doubleToRawLongBits(Median.of(values)));
        }
    }

    @Test
    void ofPresentSkipsMissingValuesWithoutCopyingThem() {
        Random random = new Random(11);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(trial < 1500 ? 60 : 20_000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(6) == 0 ? Double.NaN : trial % 2 == 0 ? random.nextInt(7) - 3 : random.nextGaussian() * 1e3;
            }
            double[] present = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
            double[] copy = values.clone();
            assertEquals(Double.doubleToRawLongBits(bySorting(present)), Double.doubleToRawLongBits(Median.ofPresent(values)));
            assertEquals(Arrays.toString(copy), Arrays.toString(values), "the input is left as it was");
        }
        assertEquals(Double.NaN, Median.ofPresent(new double[] {Double.NaN, Double.NaN}));
    }

    @Test
    void ordersEveryKindOfDoubleAsArraysSortDoes() {
        double[] special = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.5, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE,
                1e-300, 2.5, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        Random random = new Random(5);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(9000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) values[i] = special[random.nextInt(special.length)];
            assertEquals(Double.doubleToRawLongBits(bySorting(values)), Double.doubleToRawLongBits(Median.of(values)));
        }
    }
}
