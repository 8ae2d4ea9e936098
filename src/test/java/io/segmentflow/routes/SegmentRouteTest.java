package io.segmentflow.routes;

import io.segmentflow.Segmentflow;
import io.segmentflow.ingest.CsvCustomerReader;
import io.segmentflow.model.SegmentationRun;
import org.apache.camel.BeanInject;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** routes/segment.camel.yaml alone: delivery is mocked, so only the stages run. */
@CamelMainTest(mainClass = Segmentflow.class, propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"segmentation.inbox.enabled=false", "segmentation.cluster.k=3", "segmentation.cluster.restarts=2"},
        mockEndpointsAndSkip = "direct:deliver")
class SegmentRouteTest {
    @BeanInject
    CsvCustomerReader reader;
    @BeanInject
    ProducerTemplate template;
    @EndpointInject("mock:direct:deliver")
    MockEndpoint deliver;

    @Test
    void cleansScalesClustersAndProfilesOneBatchThenHandsItToDelivery() throws InterruptedException {
        StringBuilder csv = new StringBuilder("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n");
        for (int i = 0; i < 90; i++) {
            int g = i % 3;
            csv.append("C").append(i).append(',').append(20 + g * 500 + i).append(',').append(1 + g * 10).append(',')
                    .append(5 + g * 3).append(",2025-0").append(1 + g * 2).append("-1").append(i % 9).append('\n');
        }
        csv.append("C0,1,1,1,2025-01-01\n"); // a duplicate id, quarantined by the clean stage
        SegmentationRun ingested = reader.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "three-groups.csv", null);
        deliver.expectedMessageCount(1);

        template.sendBody("direct:segment", ingested);

        deliver.assertIsSatisfied(10_000);
        SegmentationRun profiled = deliver.getExchanges().get(0).getMessage().getBody(SegmentationRun.class);
        assertEquals(91, profiled.rowsRead());
        assertEquals(90, profiled.rowsLoaded());
        assertEquals(1, profiled.quarantine().size());
        assertEquals(List.of("ingest", "clean", "features", "scale", "cluster", "quality", "stability", "profile", "identity"), List.copyOf(profiled.timingsMs().keySet()));
        assertEquals(3, profiled.profiles().size());
        assertTrue(profiled.profiles().stream().allMatch(p -> p.size() == 30), "three groups of 30");
        assertNotNull(profiled.scaler());
        assertNotNull(profiled.quality(), "the quality stage ran");
        assertNotNull(profiled.stability(), "the stability stage ran");
        assertNull(profiled.outputDir(), "delivery did not run");
    }
}
