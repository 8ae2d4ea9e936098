package io.segmentflow.routes;

import io.segmentflow.Segmentflow;
import io.segmentflow.clean.CustomerCleaner;
import io.segmentflow.cluster.SegmentClusterer;
import io.segmentflow.features.FeatureBuilder;
import io.segmentflow.features.FeatureScaler;
import io.segmentflow.ingest.CsvCustomerReader;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.profile.SegmentProfiler;
import org.apache.camel.BeanInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** routes/deliver.camel.yaml alone: a profiled run in, the run's files out. */
@CamelMainTest(mainClass = Segmentflow.class, propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"segmentation.inbox.enabled=false", "segmentation.cluster.k=2", "segmentation.cluster.restarts=1",
                "segmentation.output.dir=" + DeliverRouteTest.OUT})
class DeliverRouteTest {
    static final String OUT = "target/route-tests/deliver/out";

    @BeanInject
    CsvCustomerReader reader;
    @BeanInject
    CustomerCleaner cleaner;
    @BeanInject
    FeatureBuilder features;
    @BeanInject
    FeatureScaler scaler;
    @BeanInject
    SegmentClusterer segmenter;
    @BeanInject
    SegmentProfiler profiler;
    @BeanInject
    ProducerTemplate template;

    @Test
    void writesTheRunFolderUnderTheOutputRootAndReturnsWhereItIs() throws Exception {
        StringBuilder csv = new StringBuilder("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n");
        for (int i = 0; i < 40; i++) {
            csv.append("D").append(i).append(',').append(i % 2 == 0 ? 1000 + i : 10 + i).append(',').append(i % 2 == 0 ? 20 : 1)
                    .append(",").append(5 + i % 4).append(",2025-03-").append(10 + i % 10).append('\n');
        }
        SegmentationRun run = reader.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "d.csv", null);
        SegmentationRun profiled = profiler.profile(segmenter.cluster(scaler.scale(features.build(cleaner.clean(run)))));

        SegmentationRun delivered = template.requestBody("direct:deliver", profiled, SegmentationRun.class);

        Path dir = Path.of(OUT, profiled.request().runId());
        assertEquals(dir, delivered.outputDir());
        assertTrue(Files.exists(dir.resolve("summary.json")));
        assertEquals(41, Files.readAllLines(dir.resolve("assignments.csv")).size(), "header + 40 customers");
        assertTrue(Files.notExists(dir.resolve("rejects.csv")), "nothing was quarantined");
        try (var segments = Files.list(dir.resolve("segments"))) {
            assertEquals(2, segments.count());
        }
    }
}
