package io.segmentflow.deliver.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every chart is a real PNG of the configured size with something drawn, in the segments' colours. */
class SegmentChartsTest {
    private static final List<String> NAMES = List.of("Loyal", "At-Risk", "New", "High-Value");
    private static final int WIDTH = 640, HEIGHT = 400;

    @TempDir
    Path dir;
    private final SegmentCharts charts = new SegmentCharts(WIDTH, HEIGHT);

    @Test
    void sizesChartIsAValidPngWithEverySegmentInItsColour() throws IOException {
        Path file = dir.resolve("sizes.png");
        charts.sizes(file, NAMES, new long[] {400, 300, 200, 100}, 1000);
        BufferedImage image = png(file);
        for (int c = 0; c < NAMES.size(); c++) {
            assertTrue(contains(image, SegmentPalette.color(c).getRGB()), "bar of " + NAMES.get(c) + " in its colour");
        }
    }

    @Test
    void profileAndBoxChartsUseTheSameColourPerSegment() throws IOException {
        charts.profile(dir.resolve("profile.png"), NAMES, List.of("a", "b"), new double[][] {{1, -1}, {0.5, 2}, {-1, 0.3}, {2, -2}});
        List<FeatureStatistics> stats = List.of(stats(0), stats(10), stats(20), stats(30));
        charts.boxPlot(dir.resolve("box.png"), "a", "a (units)", NAMES, stats);
        for (String chart : List.of("profile.png", "box.png")) {
            BufferedImage image = png(dir.resolve(chart));
            for (int c = 0; c < NAMES.size(); c++) {
                assertTrue(contains(image, SegmentPalette.color(c).getRGB()), chart + ": colour of " + NAMES.get(c));
            }
        }
    }

    @Test
    void scatterMarksEachCentroidInItsSegmentColour() throws IOException {
        Random random = new Random(7);
        List<SegmentCharts.ScatterSeries> series = new java.util.ArrayList<>();
        for (int c = 0; c < NAMES.size(); c++) {
            double[] x = new double[200], y = new double[200];
            for (int i = 0; i < 200; i++) { x[i] = 4 * c + random.nextGaussian(); y[i] = c + random.nextGaussian(); }
            series.add(new SegmentCharts.ScatterSeries(NAMES.get(c), x, y, 4 * c, c));
        }
        Path file = dir.resolve("scatter.png");
        charts.scatter(file, "t", "PC1 (60.0% of variance)", "PC2 (30.0% of variance)", series, "All 800 customers.");
        BufferedImage image = png(file);
        for (int c = 0; c < NAMES.size(); c++) {
            assertTrue(contains(image, SegmentPalette.color(c).getRGB()), "centroid of " + NAMES.get(c));
        }
    }

    @Test
    void histogramAndQualityCurveAreDrawn() throws IOException {
        double[] values = new Random(3).doubles(5_000).map(v -> v * v * 100).toArray();
        charts.histogram(dir.resolve("h.png"), "total_spent", "total_spent (currency)", values, 30);
        charts.qualityByK(dir.resolve("k.png"), "Silhouette", new int[] {2, 3, 4, 5, 6}, new double[] {0.4, 0.45, 0.52, 0.47, 0.41}, 4);
        png(dir.resolve("h.png"));
        png(dir.resolve("k.png"));
    }

    @Test
    void theSameDataDrawsTheSameBytes() throws IOException {
        charts.sizes(dir.resolve("a.png"), NAMES, new long[] {4, 3, 2, 1}, 10);
        charts.sizes(dir.resolve("b.png"), NAMES, new long[] {4, 3, 2, 1}, 10);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.png")), Files.readAllBytes(dir.resolve("b.png")));
    }

    @Test
    void paletteGivesDistinctColoursAndMatchingHex() {
        Set<Integer> colours = new HashSet<>();
        for (int c = 0; c < 10; c++) {
            colours.add(SegmentPalette.color(c).getRGB());
            assertEquals(String.format("#%06X", SegmentPalette.color(c).getRGB() & 0xFFFFFF), SegmentPalette.hex(c));
        }
        assertEquals(10, colours.size());
    }

    private static FeatureStatistics stats(double offset) {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) values[i] = offset + i % 17;
        return FeatureStatistics.of(values);
    }

    /** Reads the file as an image and checks what every chart must be: a PNG, the size asked for, not blank. */
    private static BufferedImage png(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4), "PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "decodable");
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        Set<Integer> distinct = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) distinct.add(image.getRGB(x, y));
        }
        assertFalse(distinct.size() < 5, "not blank: " + distinct.size() + " colours");
        return image;
    }

    private static boolean contains(BufferedImage image, int argb) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (argb & 0xFFFFFF)) return true;
            }
        }
        return false;
    }
}
