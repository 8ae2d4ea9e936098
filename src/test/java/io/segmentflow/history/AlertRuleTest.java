package io.segmentflow.history;

import io.segmentflow.model.Evolution;
import io.segmentflow.model.Evolution.Flow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRuleTest {
    private static final Evolution EVOLUTION = new Evolution("previous", List.of(), List.of(
            new Flow(1, "High-Value", 1, "High-Value", 500),
            new Flow(1, "High-Value", 2, "At-Risk", 120),
            new Flow(1, "High-Value", 3, "Loyal", 7),
            new Flow(3, "Loyal", 2, "At-Risk", 40),
            new Flow(null, "(new customer)", 2, "At-Risk", 900)), new int[0], 0);

    @Test
    void countsMovesBetweenNamedSegmentsIgnoringCase() {
        assertEquals(120, AlertRule.parse("r", "high-value -> AT-RISK > 100").count(EVOLUTION));
    }

    /** Staying is not leaving, and new customers moved from nowhere. */
    @Test
    void aStarMeansAnyOtherSegment() {
        assertEquals(127, AlertRule.parse("left", "High-Value -> * > 0").count(EVOLUTION));
        assertEquals(160, AlertRule.parse("into", "* -> At-Risk > 0").count(EVOLUTION));
    }

    @Test
    void aMalformedRuleIsRefusedWithTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlertRule.parse("bad", "High-Value to At-Risk"));
        assertTrue(e.getMessage().contains("segmentation.alerts.rule.bad must read 'FROM -> TO > N'"), e.getMessage());
    }
}
