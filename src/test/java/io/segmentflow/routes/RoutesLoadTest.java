package io.segmentflow.routes;

import io.segmentflow.Segmentflow;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import org.apache.camel.BeanInject;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every file under routes/ loads, with the route ids the README's route map names. */
@CamelMainTest(mainClass = Segmentflow.class, propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"segmentation.inbox.enabled=false"})
class RoutesLoadTest {
    @BeanInject
    CamelContext context;

    @Test
    void loadsEveryRouteWithAnIdAndADescription() {
        List<String> ids = context.getRoutes().stream().map(Route::getRouteId).sorted().toList();
        assertEquals(List.of("alerts", "api-openapi", "api-reply", "api-score", "api-segments",
                "deliver", "deliver-alerts", "deliver-database", "deliver-files", "deliver-mail", "deliver-mail-send",
                "deliver-migrations", "deliver-model", "deliver-report",
                "ingest-database", "ingest-file", "ingest-inbox", "ingest-profile-inbox", "ingest-query", "score", "score-inbox",
                "segment"), ids);
        for (Route route : context.getRoutes()) {
            assertFalse(route.getDescription() == null || route.getDescription().isBlank(), route.getRouteId() + " has no description");
        }
    }
}
