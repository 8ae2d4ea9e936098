package io.segmentflow.demo;

import io.segmentflow.cluster.SegmentClusterer;
import io.segmentflow.model.KSelection;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.support.ApplicationSettings;
import io.segmentflow.support.Pipeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Automatic k finds the number of segments the generator planted, with the default criterion. */
class AutomaticKTest {

    @ParameterizedTest(name = "{0} planted segments, seed {1}")
    @CsvSource({"3, 42", "3, 7", "4, 42", "4, 7", "5, 42", "5, 7", "6, 42", "6, 7"})
    void findsThePlantedNumberOfSegments(int planted, long seed) throws IOException {
        StringWriter out = new StringWriter();
        new DemoCustomerGenerator(seed).write(out, 6_000, planted);
        SegmentationRun run = Pipeline.withApplicationSettings().clustered(out.toString(), "demo.csv", null);

        String configured = ApplicationSettings.get("segmentation.cluster.k-criterion");
        SegmentClusterer clusterer = new SegmentClusterer(ApplicationSettings.clustering(),
                new SegmentClusterer.AutoK(true, 2, 10, configured, 5000));
        List<KSelection.Score> scores = clusterer.scores(run.scaled());
        StringBuilder table = new StringBuilder();
        for (String criterion : SegmentClusterer.CRITERIA) {
            KSelection s = new SegmentClusterer(ApplicationSettings.clustering(),
                    new SegmentClusterer.AutoK(true, 2, 10, criterion, 5000)).select(scores, run.scaled().rows());
            table.append(criterion).append("=").append(s.chosenK()).append(' ');
        }
        System.out.println("planted " + planted + " seed " + seed + ": " + table);
        KSelection chosen = clusterer.select(scores, run.scaled().rows());
        assertEquals(planted, chosen.chosenK(), chosen.reason());
    }
}
