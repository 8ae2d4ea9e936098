package io.segmentflow.deliver.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureStatisticsTest {
    @Test
    void quartilesInterpolateLikePandasDescribe() {
        // pandas: Series([1, 2, 3, 4, 10]).describe() -> mean 4, std 3.5355, 25% 2, 50% 3, 75% 4
        FeatureStatistics s = FeatureStatistics.of(new double[] {10, 3, 1, 4, 2});
        assertEquals(5, s.count());
        assertEquals(4.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(12.5), s.sd(), 1e-12);
        assertEquals(1, s.min());
        assertEquals(2, s.q1(), 1e-12);
        assertEquals(3, s.median(), 1e-12);
        assertEquals(4, s.q3(), 1e-12);
        assertEquals(10, s.max());
        assertEquals(1, s.whiskerLow(), "1 is within 1.5 IQR of the first quartile");
        assertEquals(4, s.whiskerHigh(), "10 lies beyond q3 + 1.5 IQR = 7");
    }

    @Test
    void quantilesBetweenOrderStatistics() {
        assertEquals(2.5, io.segmentflow.model.Median.quantileOfSorted(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
        assertEquals(1.75, io.segmentflow.model.Median.quantileOfSorted(new double[] {1, 2, 3, 4}, 0.25), 1e-12);
    }
}
