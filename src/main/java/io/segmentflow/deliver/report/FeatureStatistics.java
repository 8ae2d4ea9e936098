package io.segmentflow.deliver.report;

import io.segmentflow.model.Median;

import java.util.Arrays;

/**
 * Descriptive statistics of one feature over a group of customers (everyone, or one segment).
 * Quartiles interpolate linearly between order statistics, as pandas and NumPy do by default.
 *
 * @param whiskerLow  the smallest value within 1.5 IQR below the first quartile (box plot)
 * @param whiskerHigh the largest value within 1.5 IQR above the third quartile (box plot)
 */
record FeatureStatistics(long count, double mean, double sd, double min, double q1, double median, double q3,
                         double max, double whiskerLow, double whiskerHigh) {

    static FeatureStatistics of(double[] values) {
        int n = values.length;
        if (n == 0) return new FeatureStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) sum += v;
        double mean = sum / n;
        double ss = 0;
        for (double v : sorted) ss += (v - mean) * (v - mean);
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0; // sample sd, as describe() reports it
        double q1 = Median.quantileOfSorted(sorted, 0.25), q3 = Median.quantileOfSorted(sorted, 0.75);
        double iqr = q3 - q1;
        double low = sorted[0], high = sorted[n - 1];
        for (double v : sorted) if (v >= q1 - 1.5 * iqr) { low = v; break; }
        for (int i = n - 1; i >= 0; i--) if (sorted[i] <= q3 + 1.5 * iqr) { high = sorted[i]; break; }
        return new FeatureStatistics(n, mean, sd, sorted[0], q1, Median.quantileOfSorted(sorted, 0.5), q3, sorted[n - 1], low, high);
    }
}
