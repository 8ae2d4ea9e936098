package io.segmentflow.demo;

import io.segmentflow.model.SegmentationRun;
import io.segmentflow.cluster.AdjustedRandIndex;
import io.segmentflow.support.Pipeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default settings find the segments the demo generator planted. */
class PlantedSegmentsRecoveryTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 1, 7, 2026, 123456})
    void recoversPlantedSegmentsWithAdjustedRandIndexAbovePointNine(long seed) throws IOException {
        StringWriter out = new StringWriter();
        int[] planted = new DemoCustomerGenerator(seed).write(out, 10_000, 4);
        String csv = out.toString();
        List<String> lines = csv.lines().toList();

        SegmentationRun run = Pipeline.withApplicationSettings().clustered(csv, "demo.csv", null);

        // Rejected and duplicate rows dropped out; line the labels up by source line (1 = header).
        int n = (int) run.rowsLoaded();
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            int line = (int) run.table().sourceLine(i);
            assertEquals(lines.get(line - 1).split(",", -1)[0], run.features().customerId(i), "source line " + line);
            truth[i] = planted[line - 2];
        }
        assertTrue(n > 9_900 && n < 10_000, "loaded " + n);
        double ari = AdjustedRandIndex.of(truth, run.segmentation().assignments());
        System.out.printf("Seed " + seed + ": ARI of planted segments %.4f (%d customers, SSE %.2f)%n", ari, n, run.segmentation().sse());
        assertTrue(ari >= 0.9, "adjusted Rand index " + ari);
    }
}
