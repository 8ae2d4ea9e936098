package io.segmentflow.profile;

import io.segmentflow.profile.NamingRule.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamingRuleTest {

    @Test
    void parsesConditionsJoinedByAnd() {
        NamingRule rule = NamingRule.parse("high-value", "total_spent > 0.7 and purchase_count > 0.5");

        assertEquals("high-value", rule.key());
        assertEquals(List.of(new Condition("total_spent", true, 0.7), new Condition("purchase_count", true, 0.5)),
                rule.conditions());
    }

    @Test
    void parsesLessThanNegativeThresholdsAndUpperCase() {
        NamingRule rule = NamingRule.parse("new", "Recency_Days < -0.2 AND purchase_count<-0.5");

        assertEquals(List.of(new Condition("recency_days", false, -0.2), new Condition("purchase_count", false, -0.5)),
                rule.conditions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"total_spent >> 0.7", "total_spent = 0.7", "total_spent > high", "> 0.7", "",
            "total_spent > 0.7 or purchase_count > 0.5", "and total_spent > 0.7", "total_spent > 0.7 and and x > 1",
            "total_spent > 1.2.3", "total_spent > .", "total_spent > 0.7 and"})
    void rejectsBadSyntaxNamingTheKey(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NamingRule.parse("high-value", text));

        assertTrue(e.getMessage().contains("segmentation.profile.rule.high-value"), e.getMessage());
    }

    @Test
    void capitalisesEachPartOfTheDisplayName() {
        assertEquals("High-Value", new NamingRule("high-value", List.of()).displayName());
        assertEquals("At-Risk", new NamingRule("at-risk", List.of()).displayName());
        assertEquals("Loyal", new NamingRule("loyal", List.of()).displayName());
    }

    @Test
    void fitsWithTheSummedMarginPastEveryThreshold() {
        NamingRule rule = NamingRule.parse("high-value", "total_spent > 0.7 and recency_days < 0");

        assertEquals(0.5 + 0.25, rule.fit(Map.of("total_spent", 1.2, "recency_days", -0.25)), 1e-12);
    }

    @Test
    void doesNotFitWhenAConditionFailsOrSitsExactlyOnTheThreshold() {
        NamingRule rule = NamingRule.parse("high-value", "total_spent > 0.7 and purchase_count > 0.5");

        assertTrue(Double.isNaN(rule.fit(Map.of("total_spent", 2.0, "purchase_count", 0.4))));
        assertTrue(Double.isNaN(rule.fit(Map.of("total_spent", 0.7, "purchase_count", 2.0))));
    }

    @Test
    void doesNotFitWhenAConditionNamesAnUnknownFeature() {
        NamingRule rule = NamingRule.parse("loyal", "loyalty_points > 0");

        assertTrue(Double.isNaN(rule.fit(Map.of("total_spent", 3.0))));
    }
}
