package io.segmentflow.deliver.report;

import java.util.Map;

/**
 * @param scatterSample  above this many customers the scatter plot draws a seeded random sample
 * @param sampleSeed     the seed of that sample
 * @param width          chart width in pixels
 * @param height         chart height in pixels
 * @param histogramBins  bins per histogram
 * @param units          a unit per feature for axis labels, e.g. total_spent=EUR
 */
public record ReportSettings(int scatterSample, long sampleSeed, int width, int height, int histogramBins,
                             Map<String, String> units) {
    public ReportSettings {
        if (scatterSample < 100) throw new IllegalArgumentException("segmentation.report.scatter-sample must be at least 100");
        if (width < 200 || height < 150) throw new IllegalArgumentException("charts must be at least 200 x 150 pixels");
        if (histogramBins < 2) throw new IllegalArgumentException("segmentation.report.histogram-bins must be at least 2");
        units = Map.copyOf(units);
    }

    /** "total_spent (EUR)", or the bare name when no unit is configured. */
    public String label(String feature) {
        String unit = units.get(feature);
        return unit == null || unit.isBlank() ? feature : feature + " (" + unit + ")";
    }
}
