package io.segmentflow.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SavedClustererTest {

    @TempDir
    Path tmp;

    /** Weka's own clusterInstance on the read-back clusterer picks the nearest centroid, segment for segment. */
    @Test
    void wekasOwnScoringEqualsTheNearestCentroidAfterAReadBack() {
        double[][] centroids = {{0.5, -1, 2}, {-1.5, 0.2, 0}, {2, 2, -1}, {0, 0, 0}, {-2, -2, 1.5}};
        Path file = tmp.resolve("clusterer.model");
        SavedClusterer.write(file, List.of("a", "b", "c"), centroids);
        SavedClusterer read = SavedClusterer.read(file);
        assertArrayEquals(centroids, read.centroids(), "centroids come back in segment order, unchanged");
        Random random = new Random(3);
        for (int i = 0; i < 5000; i++) {
            double[] row = {random.nextGaussian() * 2, random.nextGaussian() * 2, random.nextGaussian() * 2};
            assertEquals(nearest(centroids, row), read.wekaSegmentOf(row));
        }
    }

    private static int nearest(double[][] centroids, double[] row) {
        int best = 0;
        double bestSq = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double sq = 0;
            for (int j = 0; j < row.length; j++) sq += (row[j] - centroids[c][j]) * (row[j] - centroids[c][j]);
            if (sq < bestSq) {
                bestSq = sq;
                best = c;
            }
        }
        return best;
    }
}
