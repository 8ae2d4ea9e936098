package io.segmentflow.deliver.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's charts with JFreeChart, headless, to PNG. Every chart that shows segments
 * colours segment i with {@link SegmentPalette#color(int)}.
 */
final class SegmentCharts {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final int width;
    private final int height;

    SegmentCharts(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A segment's points on two axes plus its centroid. */
    record ScatterSeries(String name, double[] x, double[] y, double centroidX, double centroidY) {
    }

    void scatter(Path file, String title, String xLabel, String yLabel, List<ScatterSeries> segments, String caption)
            throws IOException {
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeriesCollection centroids = new XYSeriesCollection();
        for (ScatterSeries s : segments) {
            XYSeries series = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) series.add(s.x()[i], s.y()[i], false);
            points.addSeries(series);
            XYSeries centre = new XYSeries(s.name() + " centroid", false, true);
            centre.add(s.centroidX(), s.centroidY());
            centroids.addSeries(centre);
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        XYLineAndShapeRenderer crosses = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < segments.size(); c++) {
            dots.setSeriesPaint(c, translucent(SegmentPalette.color(c)));
            dots.setSeriesShape(c, new Rectangle2D.Double(-1.5, -1.5, 3, 3)); // small squares draw fastest
            crosses.setSeriesPaint(c, SegmentPalette.color(c));
            crosses.setSeriesOutlinePaint(c, Color.BLACK);
            crosses.setSeriesShape(c, new Ellipse2D.Double(-7, -7, 14, 14));
            crosses.setSeriesVisibleInLegend(c, false);
        }
        crosses.setUseOutlinePaint(true);
        crosses.setDrawOutlines(true);
        crosses.setDefaultOutlineStroke(new BasicStroke(2f));
        XYPlot plot = new XYPlot(centroids, axis(xLabel), axis(yLabel), crosses);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        save(file, chart, caption);
    }

    /** Where each previous segment's customers are now: one stacked bar per previous segment, coloured by segment now. */
    void migration(Path file, List<String> from, List<String> to, long[][] counts, int[] toColour) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int j = 0; j < to.size(); j++) {
            for (int i = 0; i < from.size(); i++) data.addValue(counts[i][j], to.get(j), from.get(i));
        }
        JFreeChart chart = org.jfree.chart.ChartFactory.createStackedBarChart("Migration since the previous run",
                "Segment in the previous run", "Customers", data, org.jfree.chart.plot.PlotOrientation.HORIZONTAL, true, false, false);
        chart.getTitle().setFont(TITLE);
        org.jfree.chart.renderer.category.StackedBarRenderer bars =
                (org.jfree.chart.renderer.category.StackedBarRenderer) chart.getCategoryPlot().getRenderer();
        bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        bars.setShadowVisible(false);
        for (int j = 0; j < to.size(); j++) bars.setSeriesPaint(j, SegmentPalette.color(toColour[j]));
        save(file, chart, "Each bar is a previous segment; its colours show the segments its customers are in now.");
    }

    void sizes(Path file, List<String> names, long[] sizes, long total) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int c = 0; c < names.size(); c++) data.addValue(sizes[c], "Customers", names.get(c));
        CategoryPlot plot = categoryPlot(data, "Segment", "Customers");
        BarRenderer bars = segmentColouredBars(names.size());
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
                long n = dataset.getValue(row, column).longValue();
                return String.format(Locale.ROOT, "%,d (%.1f%%)", n, 100.0 * n / total);
            }
        });
        bars.setDefaultItemLabelsVisible(true);
        plot.setRenderer(bars);
        plot.getRangeAxis().setUpperMargin(0.15);
        save(file, new JFreeChart("Segment sizes", TITLE, plot, false), null);
    }

    void boxPlot(Path file, String feature, String axisLabel, List<String> names, List<FeatureStatistics> bySegment)
            throws IOException {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (int c = 0; c < names.size(); c++) {
            FeatureStatistics s = bySegment.get(c);
            data.add(new BoxAndWhiskerItem(s.mean(), s.median(), s.q1(), s.q3(), s.whiskerLow(), s.whiskerHigh(),
                    s.min(), s.max(), List.of()), "Customers", names.get(c));
        }
        BoxAndWhiskerRenderer boxes = new BoxAndWhiskerRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return SegmentPalette.color(column);
            }
        };
        boxes.setMeanVisible(false); // drawn as wide as the box, it hides the median; the cards give means
        boxes.setMaxOutlierVisible(false);
        boxes.setMinOutlierVisible(false);
        boxes.setMaximumBarWidth(0.12);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("Segment"), axis(axisLabel), boxes);
        save(file, new JFreeChart(feature + " by segment", TITLE, plot, false),
                "Boxes: quartiles; line: median; whiskers: the furthest values within 1.5 IQR. Every customer counted.");
    }

    /** Each segment's centroid in standard deviations from the population mean, per feature. */
    void profile(Path file, List<String> names, List<String> features, double[][] z) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int c = 0; c < names.size(); c++) {
            for (int j = 0; j < features.size(); j++) data.addValue(z[c][j], names.get(c), features.get(j));
        }
        CategoryPlot plot = categoryPlot(data, "Feature", "Centroid (standard deviations from the mean)");
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        for (int c = 0; c < names.size(); c++) bars.setSeriesPaint(c, SegmentPalette.color(c));
        plot.setRenderer(bars);
        save(file, new JFreeChart("What sets the segments apart", TITLE, plot, true), null);
    }

    void histogram(Path file, String feature, String axisLabel, double[] values, int bins) throws IOException {
        HistogramDataset data = new HistogramDataset();
        data.addSeries(feature, values, bins);
        XYBarRenderer bars = new XYBarRenderer(0.05);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x6B7B8C));
        XYPlot plot = new XYPlot(data, axis(axisLabel), axis("Customers"), bars);
        save(file, new JFreeChart("Distribution of " + feature, TITLE, plot, false), null);
    }

    /** The hook for choosing k: a quality measure per k with the chosen k marked. */
    void qualityByK(Path file, String measure, int[] k, double[] quality, int chosen) throws IOException {
        XYSeries curve = new XYSeries(measure);
        XYSeries mark = new XYSeries("chosen k = " + chosen);
        for (int i = 0; i < k.length; i++) {
            curve.add(k[i], quality[i]);
            if (k[i] == chosen) mark.add(k[i], quality[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection(curve);
        data.addSeries(mark);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-7, -7, 14, 14));
        renderer.setSeriesPaint(1, new Color(0xE15759));
        NumberAxis kAxis = axis("Number of segments (k)");
        kAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, kAxis, axis(measure), renderer);
        save(file, new JFreeChart(measure + " by number of segments", TITLE, plot, true), null);
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static CategoryPlot categoryPlot(DefaultCategoryDataset data, String categoryLabel, String valueLabel) {
        CategoryAxis categories = new CategoryAxis(categoryLabel);
        categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        NumberAxis values = new NumberAxis(valueLabel);
        CategoryPlot plot = new CategoryPlot(data, categories, values, null);
        plot.setOrientation(PlotOrientation.VERTICAL);
        return plot;
    }

    private static BarRenderer segmentColouredBars(int segments) {
        BarRenderer bars = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return SegmentPalette.color(column);
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        return bars;
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 140);
    }

    private void save(Path file, JFreeChart chart, String caption) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xFAFAFA));
        // Antialiasing costs seconds on 20,000 points and adds little to dots; text stays smooth.
        chart.setAntiAlias(false);
        chart.setTextAntiAlias(true);
        if (caption != null) {
            TextTitle subtitle = new TextTitle(caption, CAPTION);
            subtitle.setPosition(RectangleEdge.BOTTOM);
            chart.addSubtitle(subtitle);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }
}
